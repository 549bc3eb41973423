// @ts-check

/**
 * Issue 19: the change log's export reads, for each deployed change that
 * links a pull request, the snapshot its last deploy event recorded. Found
 * through change_events_change_idx, that is every event of the change (about
 * ten) fetched from the heap to keep the one deploy: at 100k changes, two
 * thirds of the export's time in PostgreSQL. A partial index of the deploy
 * events alone finds it in one entry, newest first.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_events', table => {
    table.index(['change_id', 'seq'], 'change_events_deploy_idx', {
      predicate: knex.whereRaw("action = 'deploy'"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_events', table => {
    table.dropIndex(['change_id', 'seq'], 'change_events_deploy_idx');
  });
};
