import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { writeHistory } from '../database/bulkHistory';
import { sampleHistory } from './sampleHistory';

/**
 * Seeds the sample history (sampleHistory.ts) ending at `now`, but only
 * into a change database that holds no change yet: a history of its own is
 * never mixed with the sample's. Returns how many changes it wrote.
 */
export async function seedSampleHistory(
  knex: Knex,
  options: { now: Date; logger: LoggerService },
): Promise<number> {
  const { now, logger } = options;
  if (await knex('changes').first('id')) {
    logger.info('The change database holds changes: no sample history');
    return 0;
  }
  const started = Date.now();
  const entries = sampleHistory(now);
  logger.info(`Seeding the sample change history: ${entries.length} changes…`);
  await writeHistory(knex, entries);
  logger.info(
    `Seeded the sample change history in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );
  return entries.length;
}
