// @ts-check

/*
 * Issue 21: a year of a System's metrics summed 365 days of rollups, and at
 * 1M changes each day holds a hundred or more buckets of lead and recovery
 * times: the read summed some 50k rows. These two tables sum the same rows
 * of change_metric_rows per UTC week (Monday first, as the charts' weeks),
 * so that a read takes the whole weeks of its period from here, the days
 * at its ends from change_metric_days and change_metric_buckets, and the
 * part-days from the rows:
 *
 * - change_metric_weeks: per scope key, week and type, as change_metric_days.
 * - change_metric_week_buckets: per scope key, kind, week and bucket, as
 *   change_metric_buckets.
 *
 * database/metricRollups.ts moves them by the same difference as the days,
 * in the same transaction. They are filled here from the judged rows, which
 * the day sums always match.
 */

const ROWS = 'change_metric_rows';
const WEEKS = 'change_metric_weeks';
const WEEK_BUCKETS = 'change_metric_week_buckets';

const SUMS = [
  'failed',
  'failed_own',
  'verified_issues',
  'verified_clean',
  'caused_p1',
  'caused_p2',
  'retro_done',
  'retro_on_time',
];

const KINDS = [
  ['lead', 'lead_bucket'],
  ['recovery', 'recovery_bucket'],
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable(WEEKS, table => {
    table.comment(
      'change_metric_rows summed per scope key, UTC week (its Monday) and type',
    );
    table.string('scope_key', 255).notNullable();
    table.string('week', 10).notNullable();
    table.string('type', 32).notNullable();
    for (const column of ['deployed', ...SUMS]) {
      table.integer(column).notNullable();
    }
    table.primary(['scope_key', 'week', 'type']);
    // Covering: a read of a key's weeks never visits the table.
    table.index(
      ['scope_key', 'week', 'type', 'deployed', ...SUMS],
      `${WEEKS}_sums_idx`,
    );
  });
  await knex.schema.createTable(WEEK_BUCKETS, table => {
    table.comment(
      'Lead and recovery times counted per scope key, kind, UTC week and bucket',
    );
    table.string('scope_key', 255).notNullable();
    table.string('kind', 16).notNullable().comment("'lead' or 'recovery'");
    table.string('week', 10).notNullable();
    table.integer('bucket').notNullable();
    table.integer('count').notNullable();
    table.primary(['scope_key', 'kind', 'week', 'bucket']);
    // Covering, by week first: both kinds of a key's period in one range.
    table.index(
      ['scope_key', 'week', 'kind', 'bucket', 'count'],
      `${WEEK_BUCKETS}_counts_idx`,
    );
  });
  await knex.raw(
    `INSERT INTO ${WEEKS} (scope_key, week, type, deployed, ${SUMS.join(', ')})
     SELECT scope_key, week, type, COUNT(*), ${SUMS.map(c => `SUM(${c})`).join(
       ', ',
     )}
       FROM ${ROWS} GROUP BY scope_key, week, type`,
  );
  for (const [kind, bucket] of KINDS) {
    await knex.raw(
      `INSERT INTO ${WEEK_BUCKETS} (scope_key, kind, week, bucket, count)
       SELECT scope_key, ?, week, ${bucket}, COUNT(*)
         FROM ${ROWS} WHERE ${bucket} IS NOT NULL
        GROUP BY scope_key, week, ${bucket}`,
      [kind],
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable(WEEK_BUCKETS);
  await knex.schema.dropTable(WEEKS);
};
