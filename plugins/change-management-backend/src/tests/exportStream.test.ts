import { mockCredentials } from '@backstage/backend-test-utils';
import { get } from 'node:http';
import { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { seedCompletedChanges } from '../__testUtils__/bulkChanges';
import { startChangeManagement, users } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

// About 20 s a database on a busy machine: the rows are seeded in SQL.
jest.setTimeout(180_000);

// A full collection before each reading, so that what is measured is what
// the export keeps alive, not garbage the collector has yet to reclaim.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const ROWS = 200_000;
const MB = 1024 * 1024;

describe('GET /export streams a range larger than memory should hold', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it(`exports ${ROWS} changes with the heap flat`, async () => {
      const knex = await databases.init(databaseId);
      const h = await startChangeManagement({ knex });
      await seedCompletedChanges(knex, ROWS, {
        from: new Date('2026-01-01T00:00:00Z'),
        stepMs: 60_000,
      });

      const { port } = h.server.address() as AddressInfo;
      const before = liveHeap();
      let peak = 0;
      let bytes = 0;
      let lines = 0;
      let nextReading = 0;
      await new Promise<void>((resolve, reject) => {
        const req = get(
          `http://127.0.0.1:${port}/api/change-management/export?from=2026-01-01&to=2027-01-01`,
          {
            headers: {
              authorization: mockCredentials.user.header(users.oscar),
            },
          },
          res => {
            expect(res.statusCode).toBe(200);
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length;
              for (let i = chunk.indexOf(10); i !== -1; ) {
                lines += 1;
                i = chunk.indexOf(10, i + 1);
              }
              // Read the heap every 16 MB of CSV: about 10 readings.
              if (bytes >= nextReading) {
                peak = Math.max(peak, liveHeap() - before);
                nextReading += 16 * MB;
              }
            });
            res.on('end', resolve);
            res.on('error', reject);
          },
        );
        req.on('error', reject);
      });

      expect(lines).toBe(ROWS + 1);
      // Buffered, the rows alone would hold the whole file and more; a
      // stream holds a batch of changes and the socket's buffers.
      expect(bytes).toBeGreaterThan(100 * MB);
      expect(peak).toBeLessThan(bytes / 4);
      expect(peak).toBeLessThan(30 * MB);
    });
  });
});
