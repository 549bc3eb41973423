/*
 * The owner of each affected entity, recorded beside its System when the
 * change is raised or edited, so that permission conditions such as
 * "affects an entity owned by my group" filter lists in the database.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('change_entities', table => {
    table
      .string('owner_ref', 255)
      .nullable()
      .comment(
        'The owner (spec.owner) of the entity when the change was raised or last edited',
      );
    table.index(['owner_ref', 'change_id'], 'change_entities_owner_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('change_entities', table => {
    table.dropIndex(['owner_ref', 'change_id'], 'change_entities_owner_idx');
    table.dropColumn('owner_ref');
  });
};
