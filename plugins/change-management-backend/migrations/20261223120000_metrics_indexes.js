// @ts-check

/**
 * Issue 21's metrics at scale. Each failed deploy's recovery is the next
 * recovering deploy after it: read in deploy order from its own, which
 * needs deployed_at leading an index (changes_deployed_idx leads with the
 * state). Each deploy's lead time starts at its first submit: one entry
 * of a partial index, instead of every event of the change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table.index(['deployed_at'], 'changes_deployed_at_idx');
  });
  await knex.schema.alterTable('change_events', table => {
    table.index(['change_id', 'created_at'], 'change_events_submit_idx', {
      predicate: knex.whereRaw("action = 'submit'"),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_events', table => {
    table.dropIndex(['change_id', 'created_at'], 'change_events_submit_idx');
  });
  await knex.schema.alterTable('changes', table => {
    table.dropIndex(['deployed_at'], 'changes_deployed_at_idx');
  });
};
