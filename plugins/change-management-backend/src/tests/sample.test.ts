import AdmZip from 'adm-zip';
import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import { auditorsOnly } from '../__testUtils__/auditPermissions';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(300_000);

const JUNE = 'from=2026-06-01&to=2026-07-01';

describe('GET /audit/sample', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('draws the same production changes for the same seed, with complete evidence', async () => {
      const h = await startChangeManagement({
        knex: await databases.init(databaseId),
        extraFeatures: [auditorsOnly],
      });
      // Six production changes in June, in several end states.
      const inJune: string[] = [];
      for (const [i, state] of (
        ['completed', 'completed', 'deployed', 'rolled_back'] as const
      ).entries()) {
        h.clock.set(`2026-06-0${i + 1}T09:00:00.000Z`);
        inJune.push((await changeIn(h, 'standard', state)).id);
      }
      h.clock.set('2026-06-08T09:00:00.000Z');
      const emergency = await changeIn(h, 'emergency', 'deployed');
      h.clock.set('2026-06-08T15:30:00.000Z');
      await h.act('alice', emergency.id, 'verify', actionFields.verify);
      await h.act(
        'alice',
        emergency.id,
        'document-retrospective',
        actionFields['document-retrospective'],
      );
      inJune.push(emergency.id);
      const { body: risky } = await h.as('alice').post('/changes', {
        ...drafts.standard,
        title: '<script>alert("x")</script> & <b>bold</b>',
      });
      h.clock.set('2026-06-09T09:00:00.000Z');
      for (const [user, action] of [
        ['alice', 'submit'],
        ['bob', 'review'],
        ['carol', 'approve'],
        ['alice', 'record-staging'],
        ['carol', 'sign-off'],
        ['alice', 'deploy'],
      ] as const) {
        await h.act(user, risky.id, action, actionFields[action]);
      }
      inJune.push(risky.id);
      // Not production, or not June.
      h.clock.set('2026-06-10T09:00:00.000Z');
      await changeIn(h, 'standard', 'ready_for_production');
      await changeIn(h, 'standard', 'rejected');
      h.clock.set('2026-07-02T09:00:00.000Z');
      await changeIn(h, 'standard', 'completed');

      const draw = async (query: string) => {
        const res = await h.as('carol').get(`/audit/sample?${JUNE}&${query}`);
        expect(res.status).toBe(200);
        return res.body;
      };
      const first = await draw('size=3&seed=audit-2026');
      const again = await draw('size=3&seed=audit-2026');
      const ids = (s: any) => s.items.map((e: any) => e.change.id);
      expect(first.population).toBe(6);
      expect(first.seed).toBe('audit-2026');
      expect(ids(first)).toHaveLength(3);
      expect(ids(again)).toEqual(ids(first));
      for (const id of ids(first)) expect(inJune).toContain(id);
      // Seeds draw differently; some of ten differ from the first.
      const others = await Promise.all(
        Array.from({ length: 10 }, (_, i) => draw(`size=3&seed=other-${i}`)),
      );
      expect(others.some(o => ids(o).join() !== ids(first).join())).toBe(true);

      // Larger than the period: all of it, each packet complete.
      const all = await draw('size=25');
      expect(all.seed).toMatch(/^[0-9a-f]{16}$/);
      expect(ids(all).sort()).toEqual([...inJune].sort());
      for (const evidence of all.items) {
        const { events, duties, deploy, verification } = evidence;
        expect(events.length).toBeGreaterThan(3);
        for (const e of events) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(events[0].action).toBe('create');
        expect(deploy).toEqual(expect.objectContaining({ by: users.alice }));
        expect(duties.author).toBe(users.alice);
        expect(duties.approved).toEqual(
          expect.objectContaining({ by: users.carol, isAuthor: false }),
        );
        expect(duties.separated).toBe(true);
        expect(verification).toHaveProperty('result');
      }
      const standard = all.items.filter(
        (e: any) => e.change.type === 'standard',
      );
      expect(standard).toHaveLength(5);
      for (const evidence of standard) {
        expect(evidence.duties.reviewed).toEqual(
          expect.objectContaining({ by: users.bob, isAuthor: false }),
        );
        expect(evidence.staging.recorded).toEqual(
          expect.objectContaining({
            by: users.alice,
            fields: expect.objectContaining({ functionalTested: true }),
          }),
        );
        expect(evidence.retrospective).toBeUndefined();
      }
      const retro = all.items.find((e: any) => e.change.id === emergency.id);
      expect(retro.retrospective).toMatchObject({
        documented: { by: users.alice, at: '2026-06-08T15:30:00.000Z' },
        late: false,
        hoursAfterDeploy: 6.5,
        whatChanged: 'Defaulted the refund currency',
      });

      // The zip: one folder per change, the page escaped.
      const zip = await h
        .as('carol')
        .get(`/audit/sample?${JUNE}&size=25&seed=s&format=zip`)
        .responseType('blob');
      expect(zip.status).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      const entries = new AdmZip(zip.body).getEntries().map(e => e.entryName);
      expect(entries).toContain('sample.json');
      for (const file of ['change.json', 'events.csv', 'evidence.html']) {
        expect(entries.filter(n => n.endsWith(`/${file}`))).toHaveLength(6);
      }
      const archive = new AdmZip(zip.body);
      const pageOf = (id: string) =>
        archive
          .getEntries()
          .find(
            e =>
              e.entryName.includes(id) && e.entryName.endsWith('evidence.html'),
          )!
          .getData()
          .toString('utf8');
      const page = pageOf(risky.id);
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<b>');
      expect(page).toContain(
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
      );
      expect(page).toContain('@page { size: A4');
      // Each action in the words of the change's type.
      expect(page).toContain('Submitted for peer review');
      expect(pageOf(emergency.id)).toContain('Submitted for CTO approval');
      expect(pageOf(emergency.id)).not.toContain('Submitted for peer review');

      const refused = await h.as('alice').get(`/audit/sample?${JUNE}`);
      expect(refused.status).toBe(403);
    });
  });
});
