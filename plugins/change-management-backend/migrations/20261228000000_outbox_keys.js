// @ts-check

/*
 * Issue 20: backend modules write outbox rows of their own kinds (the
 * GitHub module's deployment callbacks), each under a key of the module's
 * choosing. The unique index makes a row written twice under one key (two
 * replicas at once, or a retry) one row, so it is delivered once. The
 * plugin's own rows have no key: NULLs never collide on either database.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_outbox', table => {
    table
      .string('dedup_key', 255)
      .nullable()
      .comment("A module's key: one row of its kind per key");
    // The key leads: led by the kind, the index would draw the claim's
    // `kind IN (...)` away from the index of the rows still to deliver.
    table.unique(['dedup_key', 'kind'], {
      indexName: 'change_outbox_dedup_key_idx',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_outbox', table => {
    table.dropUnique(['dedup_key', 'kind'], 'change_outbox_dedup_key_idx');
    table.dropColumn('dedup_key');
  });
};
