// @ts-check

/**
 * The risk assessment of a change (issue 24), as JSON: assessed when the
 * change is raised, edited and submitted, and read as stored, never
 * recomputed on a read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table
      .text('risk')
      .nullable()
      .comment(
        'The last risk assessment, JSON: level, score, reasons, assessedAt',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('changes', table => {
    table.dropColumn('risk');
  });
};
