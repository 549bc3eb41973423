// @ts-check

/**
 * Issue 24 item 4: the lockdowns the CTO declares in the portal. A row is
 * declared once and lifted at most once; it is in force from starts_at
 * until the first of ends_at and lifted_at (lockdownActive of -common; the
 * store's SQL beside it). The index serves "in force now": those not
 * lifted, by start.
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
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('change_lockdowns');
};
