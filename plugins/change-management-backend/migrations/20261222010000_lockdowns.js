// @ts-check

/**
 * Issue 24 item 4: the lockdowns the CTO declares in the portal. A row is
 * declared once and lifted at most once; it is in force from starts_at
 * until the first of ends_at and lifted_at (lockdownActive of -common; the
 * store's SQL beside it). The index serves "in force now": those not
 * lifted, by start.
 *
 * Declaring and lifting are events in the one hash chain, so that
 * /audit/verify covers them: an event of change_events that belongs to no
 * change has a null change_id and names its lockdown in lockdown_id.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('change_lockdowns', table => {
    table.comment(
      'Lockdowns the CTO declared: production closed to non-emergency deploys',
    );
    table.string('id', 36).primary();
    table
      .string('entity_ref', 255)
      .nullable()
      .comment('The System or Domain it covers; null for everything');
    table.text('reason').notNullable();
    table.timestamp('starts_at', { useTz: true }).notNullable();
    table
      .timestamp('ends_at', { useTz: true })
      .nullable()
      .comment('Exclusive; null until lifted');
    table.string('declared_by', 255).notNullable();
    table.timestamp('declared_at', { useTz: true }).notNullable();
    table.string('lifted_by', 255).nullable();
    table.timestamp('lifted_at', { useTz: true }).nullable();
    table.index(['lifted_at', 'starts_at'], 'change_lockdowns_active_idx');
  });
  await knex.schema.alterTable('change_events', table => {
    table.string('change_id', 36).nullable().alter();
    table
      .string('lockdown_id', 36)
      .nullable()
      .references('id')
      .inTable('change_lockdowns')
      .comment('For a lockdown event: its lockdown; change_id is null then');
    table.index(['lockdown_id', 'seq'], 'change_events_lockdown_idx');
  });
};

/**
 * The chain is append-only, so down cannot take lockdown events out of it:
 * it refuses while there are any, and otherwise undoes its own part.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const [{ n }] = await knex('change_events')
    .whereNotNull('lockdown_id')
    .count({ n: '*' });
  if (Number(n) > 0) {
    throw new Error(
      `The audit chain holds ${n} lockdown events; they cannot be removed from it, so this migration cannot be undone`,
    );
  }
  await knex.schema.alterTable('change_events', table => {
    table.dropIndex(['lockdown_id', 'seq'], 'change_events_lockdown_idx');
    table.dropForeign(['lockdown_id']);
    table.dropColumn('lockdown_id');
    table.string('change_id', 36).notNullable().alter();
  });
  await knex.schema.dropTable('change_lockdowns');
};
