// @ts-check

/**
 * Issue 20: the last snapshot read of each change's pull request, for the
 * change page. Only a cache of GitHub: the snapshots a signature relied on
 * are in the events of the hash chain, not here.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_pull_requests', table => {
    table.comment('The last snapshot read of the pull request of each change');
    table
      .string('change_id', 36)
      .primary()
      .references('id')
      .inTable('changes')
      .onDelete('CASCADE');
    table.text('url').notNullable().comment('The pull request read');
    table.text('snapshot').notNullable().comment('PullRequestSnapshot, JSON');
    table.timestamp('read_at', { useTz: true }).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_pull_requests');
};
