import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { auditorsOnly } from '../__testUtils__/auditPermissions';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

const PERIOD = '/audit/exceptions?from=2026-01-01&to=2027-01-01';

describe('GET /audit/exceptions', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('lists one entry per kind, with the change, when and who', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        changeManagement: { allowSelfApproval: true },
        extraFeatures: [auditorsOnly],
      });
      const expected: Record<
        string,
        { id: string; at: string; actor: string }
      > = {};
      const at = (iso: string) => h.clock.set(iso);

      at('2026-06-01T10:00:00.000Z');
      const waived = await changeIn(h, 'standard', 'in_review');
      await h.act('carol', waived.id, 'waive-review', { reason: 'On call' });
      expected['waived-review'] = {
        id: waived.id,
        at: '2026-06-01T10:00:00.000Z',
        actor: users.carol,
      };

      at('2026-06-02T10:00:00.000Z');
      const own = (await h.as('carol').post('/changes', drafts.standard)).body;
      await h.act('carol', own.id, 'submit');
      await h.act('bob', own.id, 'review');
      await h.act('carol', own.id, 'approve');
      expected['self-approval'] = {
        id: own.id,
        at: '2026-06-02T10:00:00.000Z',
        actor: users.carol,
      };

      at('2026-06-03T10:00:00.000Z');
      const unverified = await changeIn(h, 'standard', 'deployed');
      expected['not-verified'] = {
        id: unverified.id,
        at: '2026-06-03T10:00:00.000Z',
        actor: users.alice,
      };

      at('2026-06-04T10:00:00.000Z');
      const failed = await changeIn(h, 'standard', 'deployed');
      await h.act('bob', failed.id, 'verify', {
        postDeploymentVerified: 'no',
        issuesEncountered: 'Refunds slower',
      });
      expected['failed-verification'] = {
        id: failed.id,
        at: '2026-06-04T10:00:00.000Z',
        actor: users.bob,
      };

      at('2026-06-05T10:00:00.000Z');
      const rolled = await changeIn(h, 'standard', 'deployed');
      h.clock.set('2026-06-05T11:00:00.000Z');
      await h.act('alice', rolled.id, 'roll-back', actionFields['roll-back']);
      expected['rolled-back'] = {
        id: rolled.id,
        at: '2026-06-05T11:00:00.000Z',
        actor: users.alice,
      };

      // In the freeze, an emergency deploys as an override; one documents
      // its retrospective late, the other never does.
      at('2026-10-05T10:00:00.000Z');
      const late = await changeIn(h, 'emergency', 'deployed');
      const missing = await changeIn(h, 'emergency', 'deployed');
      expected['freeze-override'] = {
        id: late.id,
        at: '2026-10-05T10:00:00.000Z',
        actor: users.alice,
      };
      at('2026-10-09T10:00:00.000Z');
      await h.act('alice', late.id, 'verify', actionFields.verify);
      await h.act(
        'alice',
        late.id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      await h.act('alice', missing.id, 'verify', actionFields.verify);
      expected['late-retrospective'] = {
        id: late.id,
        at: '2026-10-09T10:00:00.000Z',
        actor: users.alice,
      };
      expected['missing-retrospective'] = {
        id: missing.id,
        at: missing.retrospectiveDueAt,
        actor: users.alice,
      };

      const res = await h.as('carol').get(PERIOD);
      expect(res.status).toBe(200);
      const items = res.body.items;
      for (const [kind, entry] of Object.entries(expected)) {
        expect(items).toContainEqual(
          expect.objectContaining({
            kind,
            changeId: entry.id,
            at: entry.at,
            actor: entry.actor,
          }),
        );
      }
      expect(new Set(items.map((i: any) => i.kind))).toEqual(
        new Set(Object.keys(expected)),
      );
      expect(items.map((i: any) => i.at)).toEqual(
        items.map((i: any) => i.at).sort(),
      );
      // What the Audit page words them with, in names and its own times.
      const facts = (kind: string) =>
        items.find((i: any) => i.kind === kind).facts;
      expect(facts('freeze-override')).toEqual({
        window: {
          start: '2026-10-01T00:00:00.000Z',
          end: '2027-01-01T00:00:00.000Z',
          timeZone: 'UTC',
        },
        approval: { by: users.carol, at: '2026-10-05T10:00:00.000Z' },
      });
      expect(facts('late-retrospective')).toEqual({
        dueAt: '2026-10-07T10:00:00.000Z',
        documentedAt: '2026-10-09T10:00:00.000Z',
      });
      expect(facts('waived-review')).toBeUndefined();

      // Only what happened in the period.
      const june = await h
        .as('carol')
        .get('/audit/exceptions?from=2026-06-02&to=2026-06-04');
      expect(june.body.items.map((i: any) => i.kind).sort()).toEqual([
        'not-verified',
        'self-approval',
      ]);

      // The auditor's permission, not the reader's.
      const refused = await h.as('alice').get(PERIOD);
      expect(refused.status).toBe(403);
      expect(refused.body.error.name).toBe('NotAllowedError');
    });
  });
});
