// @ts-check

/*
 * The outbox: every side effect of an action (a notification today; events,
 * signals and callbacks later) is a row written in the same transaction as
 * the action's audit event, and delivered from here after the commit by a
 * loop on every replica. A row is claimed for a while (claimed_until), so a
 * replica that dies mid-send leaves it to be claimed again; it is delivered
 * at least once, and retried with backoff until it is delivered or dead.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_outbox', table => {
    table.comment(
      'Side effects of accepted actions, written with their audit event and delivered after the commit',
    );
    table.bigIncrements('id').primary();
    table
      .string('kind', 64)
      .notNullable()
      .comment('Which handler delivers it, e.g. action-notices');
    table
      .string('event_id', 36)
      .notNullable()
      .comment('The audit event written with it (change_events.id)');
    table
      .text('payload')
      .notNullable()
      .comment('JSON, as the handler reads it');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('How many times it was claimed');
    table
      .timestamp('next_attempt_at', { useTz: true })
      .notNullable()
      .comment('Not claimed before this time: the backoff after a failure');
    table
      .timestamp('claimed_until', { useTz: true })
      .nullable()
      .comment('Claimed by claimed_by until then; after it, anyone may claim');
    table.string('claimed_by', 64).nullable();
    table.timestamp('delivered_at', { useTz: true }).nullable();
    table
      .timestamp('dead_at', { useTz: true })
      .nullable()
      .comment('Given up on after the configured number of attempts');
    table.text('last_error').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.index(['event_id'], 'change_outbox_event_idx');
  });
  // The claim reads only the rows still to deliver, by their next attempt:
  // a partial index keeps it small however many rows were delivered.
  await knex.schema.alterTable('change_outbox', table => {
    table.index(['next_attempt_at'], 'change_outbox_pending_idx', {
      predicate: knex.whereNull('delivered_at').whereNull('dead_at'),
    });
    // The dead rows, counted for the metrics; they stay few.
    table.index(['dead_at'], 'change_outbox_dead_idx', {
      predicate: knex.whereNotNull('dead_at'),
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_outbox');
};
