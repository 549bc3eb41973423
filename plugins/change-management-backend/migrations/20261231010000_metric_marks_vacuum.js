// @ts-check

/*
 * Issue 21: change_metrics_dirty is a queue. Every write inserts marks and
 * every refresh deletes them, so its rows are dead almost as soon as they
 * are written. PostgreSQL's autovacuum waits by default for dead rows to
 * reach a fifth of a table's size, and until it runs, each read's check for
 * waiting marks scans the dead rows: after the upgrade's refresh of 674k
 * marks, that check alone cost several milliseconds a read at 1M changes.
 * Vacuum it after every thousand dead rows instead, whatever its size.
 * SQLite reuses deleted pages and has no autovacuum to tune.
 */

const SETTINGS = [
  'autovacuum_vacuum_scale_factor',
  'autovacuum_vacuum_threshold',
];

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    `ALTER TABLE change_metrics_dirty SET (${SETTINGS[0]} = 0, ${SETTINGS[1]} = 1000)`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  if (knex.client.config.client !== 'pg') return;
  await knex.raw(
    `ALTER TABLE change_metrics_dirty RESET (${SETTINGS.join(', ')})`,
  );
};
