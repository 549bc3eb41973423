import { actionFields, drafts } from '../__testUtils__/changes';
import { Harness, startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** A standard change signed off and ready to deploy. */
async function readyToDeploy(h: Harness) {
  const { body } = await h.as('alice').post('/changes', drafts.standard);
  await h.act('alice', body.id, 'submit');
  await h.act('bob', body.id, 'review');
  await h.act('carol', body.id, 'approve');
  await h.act(
    'alice',
    body.id,
    'record-staging',
    actionFields['record-staging'],
  );
  return h.act('carol', body.id, 'sign-off');
}

describe('workflow rules over HTTP', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async (
      options: Partial<Parameters<typeof startChangeManagement>[0]> = {},
    ) =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        ...options,
      });

    describe('separation of duties', () => {
      it('keeps the author from reviewing, and the CTO from approving, their own change', async () => {
        const h = await start();
        const mine = await h.as('carol').post('/changes', drafts.standard);
        await h.act('carol', mine.body.id, 'submit');
        const review = await h
          .as('carol')
          .post(`/changes/${mine.body.id}/actions`, {
            action: 'review',
            version: 2,
          });
        expect(review.status).toBe(403);
        await h.act('bob', mine.body.id, 'review');
        const approve = await h
          .as('carol')
          .post(`/changes/${mine.body.id}/actions`, {
            action: 'approve',
            version: 3,
          });
        expect(approve.status).toBe(403);
        expect(approve.body.error.message).toMatch(
          /cannot approve their own change/,
        );
        expect(
          (await h.as('carol').get(`/changes/${mine.body.id}`)).body
            .allowedActions,
        ).toEqual(['request-changes', 'reject', 'cancel']);
      });

      it('records a permitted self-approval as an exception', async () => {
        const h = await start({
          changeManagement: { allowSelfApproval: true },
        });
        const mine = await h.as('carol').post('/changes', drafts.standard);
        await h.act('carol', mine.body.id, 'submit');
        await h.act('bob', mine.body.id, 'review');
        const approved = await h.act('carol', mine.body.id, 'approve');
        expect(approved.exceptions).toEqual([
          expect.objectContaining({
            kind: 'self-approval',
            actor: 'user:default/carol',
          }),
        ]);
      });

      it('lets the CTO waive the review with a reason, recorded as an exception', async () => {
        const h = await start();
        const { body } = await h.as('alice').post('/changes', drafts.standard);
        await h.act('alice', body.id, 'submit');
        const waived = await h.act('carol', body.id, 'waive-review', {
          reason: 'Bob is on leave',
        });
        expect(waived).toMatchObject({
          state: 'awaiting_approval',
          exceptions: [{ kind: 'waived-review', detail: 'Bob is on leave' }],
        });
      });
    });

    describe('the freeze', () => {
      it.each([
        ['2026-09-30T23:59:59.999Z', 200],
        ['2026-10-01T00:00:00.000Z', 409],
        ['2026-12-15T12:00:00.000Z', 409],
        ['2027-01-01T00:00:00.000Z', 200],
      ])('deploys a standard change at %s: %d', async (time, status) => {
        const h = await start();
        const change = await readyToDeploy(h);
        h.clock.set(time);
        const res = await h.as('alice').post(`/changes/${change.id}/actions`, {
          action: 'deploy',
          version: change.version,
        });
        expect(res.status).toBe(status);
        expect(await h.count('change_events')).toBe(status === 200 ? 7 : 6);
      });

      it('reads the windows in the configured zone, across a DST change', async () => {
        const h = await start({
          changeManagement: {
            freeze: {
              windows: [{ start: '10-01', end: '01-01' }],
              timeZone: 'America/New_York',
            },
          },
        });
        const change = await readyToDeploy(h);
        const deployAt = (time: string) => {
          h.clock.set(time);
          return h.as('alice').post(`/changes/${change.id}/actions`, {
            action: 'deploy',
            version: change.version,
          });
        };
        // 04:00Z is midnight in New York (EDT); 05:00Z after the DST change.
        expect((await deployAt('2026-10-01T04:00:00.000Z')).status).toBe(409);
        const refused = await deployAt('2026-11-01T07:00:00.000Z');
        expect(refused.status).toBe(409);
        expect(refused.body.error).toMatchObject({
          name: 'FreezeError',
          message: expect.stringContaining(
            'frozen from 2026-10-01 to 2026-12-31 (America/New_York)',
          ),
          window: {
            start: '2026-10-01T00:00:00.000-04:00',
            end: '2027-01-01T00:00:00.000-05:00',
            timeZone: 'America/New_York',
          },
        });
        expect((await deployAt('2027-01-01T04:59:59.999Z')).status).toBe(409);
        expect((await deployAt('2026-10-01T03:59:59.999Z')).status).toBe(200);

        // and open again at local midnight on January 1 (05:00Z in EST)
        const next = await readyToDeploy(h);
        h.clock.set('2027-01-01T05:00:00.000Z');
        const reopened = await h
          .as('alice')
          .post(`/changes/${next.id}/actions`, {
            action: 'deploy',
            version: next.version,
          });
        expect(reopened.status).toBe(200);
      });

      it('lets an emergency deploy in the freeze, recording the override', async () => {
        const h = await start({ now: '2026-11-25T09:00:00.000Z' });
        const { body } = await h.as('alice').post('/changes', drafts.emergency);
        await h.act('alice', body.id, 'submit');
        await h.act('carol', body.id, 'approve');
        const deployed = await h.act('alice', body.id, 'deploy');
        expect(deployed).toMatchObject({
          state: 'deployed',
          retrospectiveDueAt: '2026-11-27T09:00:00.000Z',
          exceptions: [
            { kind: 'freeze-override', actor: 'user:default/alice' },
          ],
        });
        const events = await h.as('oscar').get(`/changes/${body.id}/events`);
        expect(events.body.items.at(-1).fields).toMatchObject({
          freezeOverride: true,
          approvalReliedOn: { by: 'user:default/carol' },
        });
        const freeze = await h.as('oscar').get('/freeze');
        expect(freeze.body).toEqual({
          frozen: true,
          timeZone: 'UTC',
          window: {
            start: '2026-10-01T00:00:00.000Z',
            end: '2027-01-01T00:00:00.000Z',
          },
        });
      });
    });

    describe('the 48-hour retrospective', () => {
      it('is due at exactly deployedAt + 172,800 s and overdue from then, not a ms before', async () => {
        const h = await start();
        const { body } = await h.as('alice').post('/changes', drafts.emergency);
        await h.act('alice', body.id, 'submit');
        await h.act('carol', body.id, 'approve');
        h.clock.set('2026-06-10T10:15:30.123Z');
        const deployed = await h.act('alice', body.id, 'deploy');
        const due = Date.parse('2026-06-10T10:15:30.123Z') + 172_800_000;
        expect(Date.parse(deployed.retrospectiveDueAt)).toBe(due);

        h.clock.set(new Date(due - 1).toISOString());
        expect(
          (await h.as('oscar').get(`/changes/${body.id}`)).body.overdue,
        ).toBe(false);
        const early = await h.as('carol').get('/changes?overdue=true');
        expect(early.body.items).toEqual([]);
        h.clock.set(new Date(due).toISOString());
        expect(
          (await h.as('oscar').get(`/changes/${body.id}`)).body.overdue,
        ).toBe(true);
        const overdue = await h.as('carol').get('/changes?overdue=true');
        expect(overdue.body.items.map((c: any) => c.id)).toEqual([body.id]);

        await h.act('alice', body.id, 'verify', actionFields.verify);
        const late = await h.act(
          'alice',
          body.id,
          'document-retrospective',
          actionFields['document-retrospective'],
        );
        expect(late).toMatchObject({
          overdue: false,
          retrospective: { late: true },
          exceptions: [expect.objectContaining({ kind: 'late-retrospective' })],
        });
      });
    });

    describe('needs my action', () => {
      it('lists what waits for the CTO and for a reviewer', async () => {
        const h = await start();
        const a = await h.as('alice').post('/changes', drafts.standard);
        await h.act('alice', a.body.id, 'submit');
        h.clock.set('2026-06-10T10:00:00.000Z');
        const b = await h.as('dana').post('/changes', drafts.infrastructure);
        await h.act('dana', b.body.id, 'submit');
        await h.act('bob', b.body.id, 'review');

        // carol, the only CTO-role holder, approves b; she does not review
        // a, which nobody could approve then (tests/ctoReview.test.ts).
        const forCarol = await h.as('carol').get('/changes?needsActionBy=me');
        expect(forCarol.body.items.map((c: any) => c.id)).toEqual([b.body.id]);
        const forBob = await h.as('bob').get('/changes?needsActionBy=me');
        expect(forBob.body.items.map((c: any) => c.id)).toEqual([a.body.id]);
        const forAlice = await h.as('alice').get('/changes?needsActionBy=me');
        expect(forAlice.body.items).toEqual([]);
      });
    });
  });
});
