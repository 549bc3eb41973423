// @ts-check

/**
 * An emergency may name the change whose failure caused its incident
 * (`causedBy`, issue 21): that change then counts as failed in the
 * metrics and loses points in the change success score. Indexed, as the
 * metrics look changes up by the emergencies that name them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table
      .string('caused_by', 36)
      .nullable()
      .comment('Emergency only: the id of the change that caused its incident');
    table.index(['caused_by'], 'changes_caused_by_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('changes', table => {
    table.dropIndex(['caused_by'], 'changes_caused_by_idx');
    table.dropColumn('caused_by');
  });
};
