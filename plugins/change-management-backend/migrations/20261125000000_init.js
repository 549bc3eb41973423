// @ts-check

/**
 * The change log, the entities each change affects, and the append-only,
 * hash-chained audit trail of every accepted action.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('changes', table => {
    table.comment('One row per change: the SOP change log plus workflow state');
    table.string('id', 36).primary().notNullable();
    table.string('type', 32).notNullable();
    table.string('state', 32).notNullable();
    table
      .integer('version')
      .notNullable()
      .comment('Optimistic lock: bumped by every accepted write');
    table.string('title', 255).notNullable();
    table.text('description').notNullable();
    table.text('risks').notNullable();
    table.text('testing_notes').notNullable();
    table.text('pull_request_url').nullable();
    table.string('incident_ref', 255).nullable();
    table.string('incident_severity', 2).nullable();
    table.text('proposed_fix').nullable();
    table.string('created_by', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.string('reviewed_by', 255).nullable();
    table.timestamp('reviewed_at', { useTz: true }).nullable();
    table.string('approved_by', 255).nullable();
    table.timestamp('approved_at', { useTz: true }).nullable();
    table.string('signed_off_by', 255).nullable();
    table.timestamp('signed_off_at', { useTz: true }).nullable();
    table.string('staging_tested', 3).nullable();
    table.string('deployed_by', 255).nullable();
    table.timestamp('deployed_at', { useTz: true }).nullable();
    table.text('deployment_ref').nullable();
    table.string('post_deployment_verified', 3).nullable();
    table.string('verified_by', 255).nullable();
    table.timestamp('verified_at', { useTz: true }).nullable();
    table.text('issues_encountered').nullable();
    table.timestamp('retrospective_due_at', { useTz: true }).nullable();
    table.string('retrospective_by', 255).nullable();
    table.timestamp('retrospective_at', { useTz: true }).nullable();
    table.text('retrospective_what_changed').nullable();
    table.text('retrospective_why').nullable();
    table.text('retrospective_approval_received').nullable();
    table.boolean('retrospective_late').nullable();
    table.string('review_by', 255).nullable();
    table.timestamp('review_at', { useTz: true }).nullable();
    table.string('review_preventable', 3).nullable();
    table.text('review_notes').nullable();
    table
      .text('exceptions')
      .notNullable()
      .comment('JSON array of workflow exceptions, for auditors');

    // Keyset pagination: newest first, ties broken by id.
    table.index(['created_at', 'id'], 'changes_created_idx');
    table.index(['state', 'created_at', 'id'], 'changes_state_idx');
    table.index(['created_by', 'created_at', 'id'], 'changes_author_idx');
    table.index(['type', 'created_at', 'id'], 'changes_type_idx');
    table.index(['retrospective_due_at'], 'changes_retro_due_idx');
  });

  await knex.schema.createTable('change_entities', table => {
    table.comment('The catalog entities each change affects');
    table
      .string('change_id', 36)
      .notNullable()
      .references('id')
      .inTable('changes')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table
      .string('system_ref', 255)
      .nullable()
      .comment(
        'The System the entity was part of when the change was raised, or the entity itself if it is a System',
      );
    table.primary(['change_id', 'entity_ref']);
    table.index(['entity_ref'], 'change_entities_entity_idx');
    table.index(['system_ref'], 'change_entities_system_idx');
  });

  await knex.schema.createTable('change_events', table => {
    table.comment('Append-only audit trail; each row chains to the previous');
    table.bigIncrements('seq').primary();
    table.string('id', 36).notNullable().unique();
    table
      .string('change_id', 36)
      .notNullable()
      .references('id')
      .inTable('changes');
    table.string('action', 32).notNullable();
    table.string('from_state', 32).nullable();
    table.string('to_state', 32).notNullable();
    table.string('actor', 255).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.text('comment').nullable();
    table.text('fields').notNullable().comment('JSON of the fields it set');
    table.string('previous_hash', 64).notNullable();
    table
      .string('hash', 64)
      .notNullable()
      .comment('sha256(previous_hash + canonical JSON of the event)');
    table.index(['change_id', 'seq'], 'change_events_change_idx');
  });

  // The head of the hash chain. Appending an event locks this one row, so
  // concurrent transactions append one after another instead of forking the
  // chain from the same previous hash.
  await knex.schema.createTable('change_event_chain', table => {
    table.comment('The single head of the audit hash chain');
    table.integer('id').primary();
    table.string('last_hash', 64).notNullable();
  });
  await knex('change_event_chain').insert({ id: 1, last_hash: '0'.repeat(64) });

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION change_events_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION 'change_events is append-only: % is not allowed', TG_OP;
      END;
      $$ LANGUAGE plpgsql;
    `);
    await knex.raw(`
      CREATE TRIGGER change_events_append_only
      BEFORE UPDATE OR DELETE ON change_events
      FOR EACH ROW EXECUTE FUNCTION change_events_append_only();
    `);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'DROP TRIGGER IF EXISTS change_events_append_only ON change_events',
    );
    await knex.raw('DROP FUNCTION IF EXISTS change_events_append_only()');
  }
  await knex.schema.dropTable('change_event_chain');
  await knex.schema.dropTable('change_events');
  await knex.schema.dropTable('change_entities');
  await knex.schema.dropTable('changes');
};
