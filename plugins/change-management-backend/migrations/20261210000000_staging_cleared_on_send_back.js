// @ts-check

/*
 * Going back to draft now clears a change's staging result, as it clears
 * its review, approval and sign-off (docs/workflow.md): after a failed
 * staging run the record said "Staging tested: Yes" while the change was
 * edited and sent round again. A row is what its events replay to, so the
 * rows of changes whose latest record-staging sent them back are cleared
 * here, as replaying their events now clears them. Their events, with the
 * failed run's answers, are untouched.
 */

/**
 * The changes whose latest record-staging event sent them back to draft.
 *
 * @param {import('knex').Knex} knex
 */
function sentBackByStaging(knex) {
  const latest = knex('change_events')
    .select('change_id')
    .max({ seq: 'seq' })
    .where('action', 'record-staging')
    .groupBy('change_id')
    .as('latest');
  return knex('change_events as e')
    .join(latest, join =>
      join.on('e.change_id', 'latest.change_id').andOn('e.seq', 'latest.seq'),
    )
    .where('e.to_state', 'draft');
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex('changes')
    .whereIn('id', sentBackByStaging(knex).select('e.change_id'))
    .whereNotNull('staging_tested')
    .update({ staging_tested: null });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // The failed run's answer again, from its event, as the rule was.
  const rows = await sentBackByStaging(knex).select('e.change_id', 'e.fields');
  for (const row of rows) {
    await knex('changes')
      .where('id', row.change_id)
      .update({
        staging_tested: JSON.parse(row.fields).stagingTested ?? null,
      });
  }
};
