// @ts-check

/**
 * The planned window of a change (issue 21): when it is planned to start
 * (inclusive) and end (exclusive), both or neither. The index serves the
 * overlap test of conflicts and the calendar, `planned_start < :end and
 * planned_end > :start`: the range on planned_start, then planned_end read
 * from the index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table
      .timestamp('planned_start', { useTz: true })
      .nullable()
      .comment('The planned start, inclusive; set with planned_end');
    table
      .timestamp('planned_end', { useTz: true })
      .nullable()
      .comment('The planned end, exclusive; after planned_start');
    table.index(['planned_start', 'planned_end'], 'changes_planned_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('changes', table => {
    table.dropIndex(['planned_start', 'planned_end'], 'changes_planned_idx');
    table.dropColumn('planned_start');
    table.dropColumn('planned_end');
  });
};
