// @ts-check

/*
 * The plugin's clock: which reminders and escalations it has sent. The
 * primary key makes each (change, clock, threshold) happen once, however
 * many replicas run the task at the same moment; the row is written in the
 * same transaction as its audit event.
 *
 * Also an index for the verification clock, which looks for deployed
 * changes by their deploy time.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_reminders', table => {
    table.comment(
      'Reminders and escalations the clock sent, one per change, clock and threshold',
    );
    table
      .string('change_id', 36)
      .notNullable()
      .references('id')
      .inTable('changes')
      .onDelete('CASCADE');
    table
      .string('clock', 32)
      .notNullable()
      .comment('The deadline watched: retrospective or verification');
    table
      .string('threshold', 32)
      .notNullable()
      .comment('reminder (before the deadline) or overdue (at it)');
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table
      .string('event_id', 36)
      .notNullable()
      .comment('The audit event recorded with it (change_events.id)');
    table.primary(['change_id', 'clock', 'threshold']);
  });
  await knex.schema.alterTable('changes', table => {
    table.index(['state', 'deployed_at'], 'changes_deployed_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('changes', table => {
    table.dropIndex(['state', 'deployed_at'], 'changes_deployed_idx');
  });
  await knex.schema.dropTable('change_reminders');
};
