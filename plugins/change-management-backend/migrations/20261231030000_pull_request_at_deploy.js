// @ts-check

/**
 * Issue 19: the change log's export writes, for each deployed change that
 * links a pull request, what its last deploy event recorded of the PR
 * (issue 20). Looked up in change_events for each row, even through the
 * partial index of the deploy events, that lookup was a third of the
 * export's time in PostgreSQL at 1M changes (2.2 of 6.6 s for a year of
 * 332,431 rows), a random read of the event's row for each deployed change.
 *
 * The row now keeps a copy, which a trigger on change_events writes in the
 * deploy event's own statement, whatever writes the event: a replica still
 * on the code before this migration keeps it too. The events stay the
 * record; the copy is what the last deploy event says, null when it
 * recorded no PR. On SQLite, a later migration that rebuilds change_events
 * must create the trigger again (see 20261230000000_metric_rollups.js).
 */

const TRIGGER = 'change_pull_request_at_deploy';

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('changes', table => {
    table
      .text('pull_request_at_deploy')
      .nullable()
      .comment(
        "What the change's last deploy event recorded of its pull request (JSON), kept by a trigger, for the export",
      );
  });
  if (knex.client.config.client === 'pg') {
    await knex.raw(`CREATE FUNCTION ${TRIGGER}() RETURNS trigger AS $$
      BEGIN
        UPDATE changes
           SET pull_request_at_deploy =
               nullif((NEW.fields::json -> 'pullRequest')::text, 'null')
         WHERE id = NEW.change_id;
        RETURN NULL;
      END $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER ${TRIGGER} AFTER INSERT ON change_events
      FOR EACH ROW WHEN (NEW.action = 'deploy') EXECUTE FUNCTION ${TRIGGER}()`);
    // The deployed changes whose last deploy recorded a PR; the others
    // keep null, and are not rewritten.
    await knex.raw(`UPDATE changes SET pull_request_at_deploy = last.pr
      FROM (SELECT DISTINCT ON (change_id) change_id,
                   nullif((fields::json -> 'pullRequest')::text, 'null') AS pr
              FROM change_events WHERE action = 'deploy'
             ORDER BY change_id, seq DESC) last
     WHERE last.change_id = changes.id AND last.pr IS NOT NULL`);
  } else {
    await knex.raw(`CREATE TRIGGER ${TRIGGER} AFTER INSERT ON change_events
      FOR EACH ROW WHEN NEW.action = 'deploy'
      BEGIN
        UPDATE changes
           SET pull_request_at_deploy = json_extract(NEW.fields, '$.pullRequest')
         WHERE id = NEW.change_id;
      END`);
    await knex.raw(`UPDATE changes SET pull_request_at_deploy = (
        SELECT json_extract(ev.fields, '$.pullRequest') FROM change_events ev
         WHERE ev.change_id = changes.id AND ev.action = 'deploy'
         ORDER BY ev.seq DESC LIMIT 1)
      WHERE EXISTS (SELECT 1 FROM change_events ev
         WHERE ev.change_id = changes.id AND ev.action = 'deploy')`);
  }
};

/**
 * The column is dropped in place on both databases: knex's dropColumn
 * rebuilds a SQLite table, which would break the triggers on changes.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.raw(
    `DROP TRIGGER IF EXISTS ${TRIGGER}${pg ? ' ON change_events' : ''}`,
  );
  if (pg) await knex.raw(`DROP FUNCTION IF EXISTS ${TRIGGER}()`);
  await knex.raw('ALTER TABLE changes DROP COLUMN pull_request_at_deploy');
};
