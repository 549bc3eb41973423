// @ts-check

/**
 * The nightly checkpoints of the audit hash chain, the id of the newest event
 * beside the chain head (so a removed tail can be named), and on PostgreSQL
 * the refusal of TRUNCATE, which row triggers do not see.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_chain_checkpoints', table => {
    table.comment(
      'The head of the audit hash chain, recorded each night; copy it elsewhere to prove later that earlier history was not rewritten',
    );
    table.bigIncrements('id').primary();
    table
      .bigInteger('event_seq')
      .notNullable()
      .comment('The seq of the newest event when the checkpoint was taken');
    table.string('event_id', 36).notNullable();
    table.string('hash', 64).notNullable().comment('That event’s hash');
    table
      .timestamp('event_at', { useTz: true })
      .notNullable()
      .comment('When that event was recorded');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the checkpoint was taken');
  });

  await knex.schema.alterTable('change_event_chain', table => {
    table
      .string('last_event_id', 36)
      .nullable()
      .comment('The id of the newest event, whose hash is last_hash');
  });
  const [newest] = await knex('change_events')
    .orderBy('seq', 'desc')
    .limit(1)
    .select('id');
  if (newest) {
    await knex('change_event_chain')
      .where({ id: 1 })
      .update({ last_event_id: newest.id });
  }

  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE FUNCTION change_audit_append_only() RETURNS trigger AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP;
      END;
      $$ LANGUAGE plpgsql;
    `);
    // Row triggers do not fire on TRUNCATE: a statement trigger refuses it.
    await knex.raw(`
      CREATE TRIGGER change_events_no_truncate
      BEFORE TRUNCATE ON change_events
      FOR EACH STATEMENT EXECUTE FUNCTION change_audit_append_only();
    `);
    // A checkpoint is evidence too: added, never changed or removed.
    await knex.raw(`
      CREATE TRIGGER change_chain_checkpoints_append_only
      BEFORE UPDATE OR DELETE ON change_chain_checkpoints
      FOR EACH ROW EXECUTE FUNCTION change_audit_append_only();
    `);
    await knex.raw(`
      CREATE TRIGGER change_chain_checkpoints_no_truncate
      BEFORE TRUNCATE ON change_chain_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION change_audit_append_only();
    `);
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(
      'DROP TRIGGER IF EXISTS change_events_no_truncate ON change_events',
    );
  }
  await knex.schema.alterTable('change_event_chain', table => {
    table.dropColumn('last_event_id');
  });
  // Its triggers go with the table.
  await knex.schema.dropTable('change_chain_checkpoints');
  if (knex.client.config.client === 'pg') {
    await knex.raw('DROP FUNCTION IF EXISTS change_audit_append_only()');
  }
};
