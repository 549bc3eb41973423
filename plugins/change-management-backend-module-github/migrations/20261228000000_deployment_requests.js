// @ts-check

/*
 * The GitHub module's own table, in the plugin's database, with its own
 * migrations table: a company without GitHub has none of it.
 *
 * Each deployment_protection_rule request GitHub waits on is a row, keyed
 * by its callback URL (one per workflow run and environment), so that a
 * redelivered webhook is the same request. A held request is judged again
 * when its change moves or on the global re-check; `version` guards the
 * step from held to answered, so that one replica answers it, once.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_github_deployment_requests', table => {
    table.comment(
      'GitHub deployment protection rule requests, until the gate answers them for good',
    );
    table.bigIncrements('id').primary();
    table
      .string('callback_url', 1000)
      .notNullable()
      .unique({ indexName: 'change_github_requests_callback_idx' })
      .comment("The deployment's deployment_callback_url");
    table.string('host', 255).notNullable();
    table.string('repository', 255).notNullable().comment('owner/name');
    table.string('environment', 255).notNullable();
    table.string('gate', 16).notNullable().comment('production or staging');
    table
      .text('deployment')
      .notNullable()
      .comment('JSON: the sha, description and payload that name the change');
    table
      .string('state', 16)
      .notNullable()
      .comment('pending, held (status report given), approved or rejected');
    table.string('change_id', 36).nullable();
    table
      .text('comment')
      .nullable()
      .comment('The last comment GitHub was given');
    table.integer('version').notNullable().defaultTo(0);
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['state'], 'change_github_requests_state_idx');
    table.index(['change_id'], 'change_github_requests_change_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_github_deployment_requests');
};
