// @ts-check

/*
 * Each change's created_at, copied beside every entity it affects, with the
 * indexes (entity_ref, created_at, change_id) and (system_ref, created_at,
 * change_id, entity_ref): a page of an entity's or a System's history, newest first from
 * a keyset cursor, is then one range scan of one index, however deep the page
 * and however rare the entity. The store writes the copy with the rows; a
 * change's created_at never changes after it is raised.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_entities', table => {
    // Replaced by the list indexes below, which begin with the same column;
    // dropped first so that the backfill does not maintain them.
    table.dropIndex(['entity_ref'], 'change_entities_entity_idx');
    table.dropIndex(['system_ref'], 'change_entities_system_idx');
    table
      .timestamp('created_at', { useTz: true })
      .nullable()
      .comment('The change’s created_at, the sort key of the per-entity list');
  });
  // UPDATE ... FROM: PostgreSQL, and SQLite since 3.33.
  await knex.raw(`
    UPDATE change_entities SET created_at = changes.created_at
      FROM changes WHERE changes.id = change_entities.change_id
  `);
  await knex.schema.alterTable('change_entities', table => {
    table.timestamp('created_at', { useTz: true }).notNullable().alter();
    table.index(
      ['entity_ref', 'created_at', 'change_id'],
      'change_entities_entity_list_idx',
    );
    // entity_ref last: a change with several rows in one System is listed
    // by its first, and telling which is first reads this index alone.
    table.index(
      ['system_ref', 'created_at', 'change_id', 'entity_ref'],
      'change_entities_system_list_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_entities', table => {
    table.dropIndex(
      ['entity_ref', 'created_at', 'change_id'],
      'change_entities_entity_list_idx',
    );
    table.dropIndex(
      ['system_ref', 'created_at', 'change_id', 'entity_ref'],
      'change_entities_system_list_idx',
    );
    table.index(['entity_ref'], 'change_entities_entity_idx');
    table.index(['system_ref'], 'change_entities_system_idx');
  });
  await knex.schema.alterTable('change_entities', table => {
    table.dropColumn('created_at');
  });
};
