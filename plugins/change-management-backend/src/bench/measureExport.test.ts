import { mockCredentials } from '@backstage/backend-test-utils';
import { get } from 'node:http';
import { AddressInfo } from 'node:net';
import { seedCompletedChanges } from '../__testUtils__/bulkChanges';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// Throughput of GET /export, run by hand (skipped otherwise):
//   MEASURE_EXPORT_ROWS=1000000 BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432 \
//   BACKSTAGE_TEST_DISABLE_DOCKER=1 CI=true yarn test plugins/change-management-backend/src/bench/measureExport
// It seeds that many changes over two years into a scratch database, then
// times the export of one year and prints rows per second.
const ROWS = Number(process.env.MEASURE_EXPORT_ROWS ?? 0);
const describeIf = ROWS ? describe : describe.skip;

jest.setTimeout(3_600_000);

describeIf('export throughput', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())('%p', async databaseId => {
    const knex = await databases.init(databaseId);
    const h = await startChangeManagement({ knex });
    // Two years: the exported year holds about half of the changes.
    let t = Date.now();
    await seedCompletedChanges(knex, ROWS, {
      from: new Date('2026-01-01T00:00:00Z'),
      stepMs: (2 * 365 * 86_400_000) / ROWS,
    });
    const seeded = Date.now() - t;
    const { port } = h.server.address() as AddressInfo;
    // The peak resident memory while exporting, read every 50 ms.
    const startRss = process.memoryUsage.rss();
    let peakRss = startRss;
    const rss = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 50);
    t = Date.now();
    const { bytes, lines } = await new Promise<{
      bytes: number;
      lines: number;
    }>((resolve, reject) => {
      let size = 0;
      let count = 0;
      get(
        `http://127.0.0.1:${port}/api/change-management/export?from=2026-01-01&to=2027-01-01`,
        {
          headers: { authorization: mockCredentials.user.header(users.oscar) },
        },
        res => {
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            count += chunk.toString('latin1').split('\n').length - 1;
          });
          res.on('end', () => resolve({ bytes: size, lines: count }));
          res.on('error', reject);
        },
      ).on('error', reject);
    });
    const seconds = (Date.now() - t) / 1000;
    clearInterval(rss);
    const rows = lines - 1;
    // eslint-disable-next-line no-console
    console.log(
      `${databaseId}: seeded ${ROWS} changes in ${
        seeded / 1000
      } s; exported ${rows} rows (${(bytes / 1e6).toFixed(
        1,
      )} MB) in ${seconds} s: ${Math.round(rows / seconds)} rows/s, ${(
        bytes /
        1e6 /
        seconds
      ).toFixed(1)} MB/s, RSS ${Math.round(
        startRss / 2 ** 20,
      )} MiB before, ${Math.round(peakRss / 2 ** 20)} MiB at the peak`,
    );
    expect(rows).toBeGreaterThan(0);
  });
});
