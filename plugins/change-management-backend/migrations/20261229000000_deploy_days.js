// @ts-check

/*
 * Issue 21: a System's calendar of a year at 1M changes is about 200k
 * deploys, too many to count at each read. change_deploy_days keeps the
 * count of changes deployed to production per scope key, UTC day and type:
 * the key of each affected entity that is not a System (entity_ref), of
 * each System (system_ref, which names the System's parts too) and '*' for
 * every change. A change counts once per key, however many of its entities
 * share it. These are the keys `GET /changes?entityRef=` reads by
 * (listQuery.ts, entityKeys), so a calendar's days equal its changes
 * counted.
 *
 * The database keeps the counts, with triggers, in the transaction of the
 * write, whatever writes: the workflow's transaction, its one-statement
 * update, the bulk loader, a migration. The change_entities triggers run
 * BEFORE each row, when both databases show a statement's earlier rows and
 * not the row itself, so "no other row of the change has this key yet"
 * means the same on both. The counts are tested against the changes
 * themselves (tests/calendarDays.test.ts).
 *
 * On SQLite, knex rebuilds a table for some alterations (`.alter()`, a
 * foreign key), which drops that table's triggers and fails on the others'
 * (they name it): a later migration that does so to `changes` or
 * `change_entities` drops these triggers first and creates them again.
 */

const TABLE = 'change_deploy_days';

const UPSERT = `ON CONFLICT (scope_key, day, type) DO UPDATE SET deployed = ${TABLE}.deployed + excluded.deployed`;

/** @param {boolean} pg */
const dayOf = pg => (/** @type {string} */ time) =>
  pg
    ? `to_char(${time} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : `date(${time} / 1000, 'unixepoch')`;

/** The keys of a change_entities row, as a subquery of one column. */
const keysOfRow = (/** @type {string} */ row) => `(
  SELECT ${row}.entity_ref AS scope WHERE ${row}.entity_ref NOT LIKE 'system:%'
  UNION SELECT ${row}.system_ref WHERE ${row}.system_ref IS NOT NULL) k`;

/** Whether another row of the change (not `except`) has the key k.scope. */
const keyElsewhere = (
  /** @type {string} */ row,
  /** @type {string | undefined} */ except,
) => `EXISTS (SELECT 1 FROM change_entities e
   WHERE e.change_id = ${row}.change_id
     AND ((e.entity_ref = k.scope AND e.entity_ref NOT LIKE 'system:%') OR e.system_ref = k.scope)
     ${
       except
         ? `AND NOT (e.change_id = ${except}.change_id AND e.entity_ref = ${except}.entity_ref)`
         : ''
     })`;

/**
 * The statements of the triggers, the same SQL on both databases: each
 * adds `sign` to the counts of the keys a row brings or takes.
 * @param {boolean} pg
 */
function statements(pg) {
  const day = dayOf(pg);
  /** Every key of a change (a row of `changes`). */
  const ofChange = (/** @type {string} */ row, /** @type {number} */ sign) =>
    `INSERT INTO ${TABLE} (scope_key, day, type, deployed)
     SELECT k.scope, ${day(`${row}.deployed_at`)}, ${row}.type, ${sign}
       FROM (SELECT '*' AS scope
             UNION SELECT entity_ref FROM change_entities
              WHERE change_id = ${row}.id AND entity_ref NOT LIKE 'system:%'
             UNION SELECT system_ref FROM change_entities
              WHERE change_id = ${row}.id AND system_ref IS NOT NULL) k
      WHERE ${row}.deployed_at IS NOT NULL
      ORDER BY k.scope
     ${UPSERT}`;
  /** The keys a change_entities row brings to, or takes from, its change. */
  const ofEntity = (
    /** @type {string} */ row,
    /** @type {number} */ sign,
    /** @type {string | undefined} */ except,
  ) =>
    `INSERT INTO ${TABLE} (scope_key, day, type, deployed)
     SELECT k.scope, ${day('c.deployed_at')}, c.type, ${sign}
       FROM changes c, ${keysOfRow(row)}
      WHERE c.id = ${row}.change_id AND c.deployed_at IS NOT NULL
        AND NOT ${keyElsewhere(row, except)}
      ORDER BY k.scope
     ${UPSERT}`;
  return {
    changeInserted: [ofChange('NEW', 1)],
    changeUpdated: [ofChange('OLD', -1), ofChange('NEW', 1)],
    changeDeleted: [ofChange('OLD', -1)],
    entityInserted: [ofEntity('NEW', 1, undefined)],
    entityUpdated: [ofEntity('OLD', -1, 'OLD'), ofEntity('NEW', 1, 'OLD')],
    entityDeleted: [ofEntity('OLD', -1, 'OLD')],
  };
}

/**
 * @typedef {object} Trigger
 * @property {string} name
 * @property {string} when the timing and the event
 * @property {string} table
 * @property {string} [condition]
 * @property {string[]} body its statements
 */

/**
 * The triggers.
 * @param {boolean} pg
 * @returns {Trigger[]}
 */
function triggers(pg) {
  const s = statements(pg);
  const changed = pg
    ? 'OLD.deployed_at IS DISTINCT FROM NEW.deployed_at OR OLD.type IS DISTINCT FROM NEW.type'
    : 'OLD.deployed_at IS NOT NEW.deployed_at OR OLD.type IS NOT NEW.type';
  const moved = pg
    ? 'OLD.change_id IS DISTINCT FROM NEW.change_id OR OLD.entity_ref IS DISTINCT FROM NEW.entity_ref OR OLD.system_ref IS DISTINCT FROM NEW.system_ref'
    : 'OLD.change_id IS NOT NEW.change_id OR OLD.entity_ref IS NOT NEW.entity_ref OR OLD.system_ref IS NOT NEW.system_ref';
  return [
    {
      name: 'change_deploy_days_ins',
      when: 'AFTER INSERT',
      table: 'changes',
      body: s.changeInserted,
    },
    {
      name: 'change_deploy_days_upd',
      when: 'AFTER UPDATE OF deployed_at, type',
      table: 'changes',
      condition: changed,
      body: s.changeUpdated,
    },
    // Before: a change's entities go with it (ON DELETE CASCADE).
    {
      name: 'change_deploy_days_del',
      when: 'BEFORE DELETE',
      table: 'changes',
      body: s.changeDeleted,
    },
    {
      name: 'change_deploy_days_ent_ins',
      when: 'BEFORE INSERT',
      table: 'change_entities',
      body: s.entityInserted,
    },
    {
      name: 'change_deploy_days_ent_upd',
      when: 'BEFORE UPDATE OF change_id, entity_ref, system_ref',
      table: 'change_entities',
      condition: moved,
      body: s.entityUpdated,
    },
    {
      name: 'change_deploy_days_ent_del',
      when: 'BEFORE DELETE',
      table: 'change_entities',
      body: s.entityDeleted,
    },
  ];
}

/** Every deployed change counted, as the triggers keep it. */
const BACKFILL = (/** @type {boolean} */ pg) => `
  INSERT INTO ${TABLE} (scope_key, day, type, deployed)
  SELECT k.scope, ${dayOf(pg)('c.deployed_at')}, c.type, COUNT(*)
    FROM changes c
    JOIN (SELECT id AS change_id, '*' AS scope FROM changes
          UNION SELECT change_id, entity_ref FROM change_entities
           WHERE entity_ref NOT LIKE 'system:%'
          UNION SELECT change_id, system_ref FROM change_entities
           WHERE system_ref IS NOT NULL) k ON k.change_id = c.id
   WHERE c.deployed_at IS NOT NULL
   GROUP BY k.scope, ${dayOf(pg)('c.deployed_at')}, c.type`;

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.createTable(TABLE, table => {
    table.comment(
      'Changes deployed to production per scope key, UTC day and type, kept by triggers',
    );
    table
      .string('scope_key', 255)
      .notNullable()
      .comment(
        "An entity's ref (not a System's), a System's ref (with its parts), or '*' (every change)",
      );
    table.string('day', 10).notNullable().comment('yyyy-mm-dd, UTC');
    table.string('type', 32).notNullable();
    table.integer('deployed').notNullable();
    table.primary(['scope_key', 'day', 'type']);
  });
  await knex.raw(BACKFILL(pg));
  for (const { name, when, table, condition, body } of triggers(pg)) {
    const on = `${when} ON ${table} FOR EACH ROW${
      condition ? ` WHEN (${condition})` : ''
    }`;
    if (pg) {
      const result = when.startsWith('BEFORE')
        ? `IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;`
        : 'RETURN NULL;';
      await knex.raw(`
        CREATE FUNCTION ${name}() RETURNS trigger AS $$
        BEGIN
          ${body.map(statement => `${statement};`).join('\n')}
          ${result}
        END;
        $$ LANGUAGE plpgsql`);
      await knex.raw(`CREATE TRIGGER ${name} ${on} EXECUTE FUNCTION ${name}()`);
    } else {
      await knex.raw(`CREATE TRIGGER ${name} ${on}
        BEGIN ${body.map(statement => `${statement};`).join('\n')} END`);
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  for (const { name, table } of triggers(pg)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${name}${pg ? ` ON ${table}` : ''}`);
    if (pg) await knex.raw(`DROP FUNCTION IF EXISTS ${name}()`);
  }
  await knex.schema.dropTable(TABLE);
};
