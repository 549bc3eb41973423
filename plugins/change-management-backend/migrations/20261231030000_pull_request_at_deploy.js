// @ts-check

/**
 * Issue 19: the change log's export writes, for each deployed change that
 * links a pull request, what its last deploy event recorded of the PR
 * (issue 20). Looked up in change_events for each row, even through the
 * partial index of the deploy events, that lookup was a third of the
 * export's time in PostgreSQL at 1M changes (2.2 of 6.6 s for a year of
 * 332,431 rows), a random read of the event's row for each deployed change.
 * The row now keeps a copy, written with the deploy event in the same
 * statement (`deployedPullRequestColumn`); the events stay the record, and
 * this fills the copy from them once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table
      .text('pull_request_at_deploy')
      .nullable()
      .comment(
        "What the change's last deploy event recorded of its pull request (JSON), for the export",
      );
  });
  const pg = knex.client.config.client === 'pg';
  const snapshot = pg
    ? `(ev.fields::json -> 'pullRequest')::text`
    : `json_extract(ev.fields, '$.pullRequest')`;
  await knex.raw(`UPDATE changes SET pull_request_at_deploy = (
      SELECT ${snapshot} FROM change_events ev
       WHERE ev.change_id = changes.id AND ev.action = 'deploy'
       ORDER BY ev.seq DESC LIMIT 1)
    WHERE deployed_at IS NOT NULL AND pull_request_url IS NOT NULL`);
};

/**
 * Dropped in place on both databases: knex's dropColumn rebuilds a SQLite
 * table, which would break the triggers on changes (see
 * 20261230000000_metric_rollups.js).
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('ALTER TABLE changes DROP COLUMN pull_request_at_deploy');
};
