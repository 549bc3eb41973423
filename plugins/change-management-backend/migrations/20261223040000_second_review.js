// @ts-check

/**
 * The second peer review of a high-risk change (issue 24, the
 * `twoPeerReviews` policy): who gave it and when, beside the first in
 * `reviewed_by`/`reviewed_at`. Empty for every change reviewed once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table
      .string('second_reviewed_by', 255)
      .nullable()
      .comment('twoPeerReviews: the user who gave the second peer review');
    table
      .timestamp('second_reviewed_at', { useTz: true })
      .nullable()
      .comment('twoPeerReviews: when the second peer review was given');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('changes', table => {
    table.dropColumn('second_reviewed_at');
    table.dropColumn('second_reviewed_by');
  });
};
