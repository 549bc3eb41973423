// @ts-check

/*
 * Issue 21: a System's delivery metrics of a year at 1M changes judge about
 * 200k deploys, too many to judge at each read. Three tables keep what the
 * judges say of each deployed change, so that a read sums days:
 *
 * - change_metric_rows: one row per deployed change and scope key (the keys
 *   of change_deploy_days but '*'), with what each judge says of it: its
 *   failure, its outcome for the score, its lead and recovery time, its
 *   retrospective, and the bucket of each time.
 * - change_metric_days: those rows summed per key, UTC day and type.
 * - change_metric_buckets: the times counted per key, day, kind and bucket,
 *   so that a read finds the bucket of a percentile's rank by summing days,
 *   then reads the exact value among that bucket's rows.
 *
 * A change's judgement depends on other rows: its first submit event, the
 * emergencies that name it as their cause, and the next verified deploy
 * sharing one of its entities. The triggers below do not judge; they only
 * mark the changes whose judgement a write may have moved, in
 * change_metrics_dirty, in the write's own transaction, whatever writes.
 * The backend judges the marked changes again before it reads
 * (database/metricRollups.ts), with the SQL of the metrics read itself, so
 * that the sums are exact when read. The marks are kept in the same SQL on
 * PostgreSQL (plpgsql) and SQLite. A mark is a plain insert into a log,
 * never an update of a row another transaction holds: a refresh takes the
 * marks it can see (those committed) and a write in flight is never waited
 * for, nor waits for a refresh, so neither can deadlock the other.
 *
 * On SQLite, knex rebuilds a table for some alterations, which breaks
 * triggers that name it: a later migration that rebuilds changes,
 * change_entities or change_events drops these triggers first and creates
 * them again.
 */

const DIRTY = 'change_metrics_dirty';
const ROWS = 'change_metric_rows';

/** Marks the change `id` (an SQL expression) when `where` holds. */
const mark = (/** @type {string} */ id, /** @type {string} */ where) =>
  `INSERT INTO ${DIRTY} (change_id) SELECT ${id} WHERE ${id} IS NOT NULL AND (${where})`;

/**
 * Marks the failed changes whose recovery (the next verified deploy sharing
 * an entity) may move when a deploy of the keys `keys` (an SQL subquery of
 * one column) at `bound` or later changes: those not recovered before it.
 * Sharing a key is wider than sharing an entity; a wider mark only judges
 * more again.
 */
const markRecoveries = (
  /** @type {string} */ keys,
  /** @type {string} */ bound,
) =>
  `INSERT INTO ${DIRTY} (change_id)
   SELECT DISTINCT m.change_id FROM ${ROWS} m
    WHERE m.failed = 1 AND m.scope_key IN (${keys})
      AND (${bound}) IS NOT NULL
      AND (m.recovered_at IS NULL OR m.recovered_at >= (${bound}))`;

/** The keys of every entity row of a change. */
const keysOfChange = (/** @type {string} */ id) =>
  `SELECT entity_ref FROM change_entities WHERE change_id = ${id} AND entity_ref NOT LIKE 'system:%'
   UNION SELECT system_ref FROM change_entities WHERE change_id = ${id} AND system_ref IS NOT NULL`;

/** The keys of one change_entities row. */
const keysOfRow = (/** @type {string} */ row) =>
  `SELECT ${row}.entity_ref WHERE ${row}.entity_ref NOT LIKE 'system:%'
   UNION SELECT ${row}.system_ref WHERE ${row}.system_ref IS NOT NULL`;

const deployedAtOf = (/** @type {string} */ id) =>
  `SELECT deployed_at FROM changes WHERE id = ${id}`;

/** @param {boolean} pg */
function triggers(pg) {
  const differ = (/** @type {string[]} */ columns) =>
    columns
      .map(c =>
        pg ? `OLD.${c} IS DISTINCT FROM NEW.${c}` : `OLD.${c} IS NOT NEW.${c}`,
      )
      .join(' OR ');
  // What a change's own judgement reads of its row.
  const judged = [
    'deployed_at',
    'type',
    'state',
    'post_deployment_verified',
    'issues_encountered',
    'retrospective_by',
    'retrospective_late',
    'retrospective_due_at',
  ];
  // What an emergency's claim on its cause reads (claimsCause).
  const claim = ['type', 'state', 'caused_by', 'incident_severity'];
  // What makes a deploy another's recovery.
  const recovers = ['deployed_at', 'state', 'post_deployment_verified'];
  const earlier = `CASE WHEN OLD.deployed_at IS NULL THEN NEW.deployed_at
    WHEN NEW.deployed_at IS NULL OR OLD.deployed_at < NEW.deployed_at THEN OLD.deployed_at
    ELSE NEW.deployed_at END`;
  const deployedChange = (/** @type {string} */ id) =>
    `EXISTS (SELECT 1 FROM changes WHERE id = ${id} AND deployed_at IS NOT NULL)`;
  return [
    {
      name: 'change_metrics_ins',
      when: 'AFTER INSERT',
      table: 'changes',
      condition: 'NEW.deployed_at IS NOT NULL OR NEW.caused_by IS NOT NULL',
      body: [
        mark('NEW.id', 'NEW.deployed_at IS NOT NULL'),
        mark('NEW.caused_by', 'true'),
      ],
    },
    {
      name: 'change_metrics_upd',
      when: 'AFTER UPDATE',
      table: 'changes',
      // Before its deploy, a change that names no cause moves no figure.
      condition: `(OLD.deployed_at IS NOT NULL OR NEW.deployed_at IS NOT NULL
        OR OLD.caused_by IS NOT NULL OR NEW.caused_by IS NOT NULL)
        AND (${differ([...new Set([...judged, ...claim])])})`,
      body: [
        mark(
          'NEW.id',
          `(OLD.deployed_at IS NOT NULL OR NEW.deployed_at IS NOT NULL) AND (${differ(
            judged,
          )})`,
        ),
        mark('OLD.caused_by', differ(claim)),
        mark('NEW.caused_by', differ(claim)),
        markRecoveries(
          keysOfChange('NEW.id'),
          `SELECT ${earlier} WHERE ${differ(recovers)}`,
        ),
      ],
    },
    // Before: a change's entities go with it (ON DELETE CASCADE).
    {
      name: 'change_metrics_del',
      when: 'BEFORE DELETE',
      table: 'changes',
      body: [
        mark('OLD.id', 'true'),
        mark('OLD.caused_by', 'true'),
        markRecoveries(keysOfChange('OLD.id'), 'SELECT OLD.deployed_at'),
      ],
    },
    {
      name: 'change_metrics_ent_ins',
      when: 'AFTER INSERT',
      table: 'change_entities',
      body: [
        mark('NEW.change_id', deployedChange('NEW.change_id')),
        markRecoveries(keysOfRow('NEW'), deployedAtOf('NEW.change_id')),
      ],
    },
    {
      name: 'change_metrics_ent_upd',
      when: 'AFTER UPDATE',
      table: 'change_entities',
      condition: differ(['change_id', 'entity_ref', 'system_ref']),
      body: [
        mark('OLD.change_id', 'true'),
        mark('NEW.change_id', 'true'),
        markRecoveries(keysOfRow('OLD'), deployedAtOf('OLD.change_id')),
        markRecoveries(keysOfRow('NEW'), deployedAtOf('NEW.change_id')),
      ],
    },
    {
      name: 'change_metrics_ent_del',
      when: 'AFTER DELETE',
      table: 'change_entities',
      body: [
        mark('OLD.change_id', 'true'),
        // After a cascade the change is gone; its own trigger marked these.
        markRecoveries(keysOfRow('OLD'), deployedAtOf('OLD.change_id')),
      ],
    },
    // The lead time starts at a change's first submit.
    {
      name: 'change_metrics_ev_ins',
      when: 'AFTER INSERT',
      table: 'change_events',
      condition: `NEW.action = 'submit'`,
      body: [mark('NEW.change_id', deployedChange('NEW.change_id'))],
    },
    {
      name: 'change_metrics_ev_upd',
      when: 'AFTER UPDATE',
      table: 'change_events',
      condition: differ(['change_id', 'action', 'created_at']),
      body: [mark('OLD.change_id', 'true'), mark('NEW.change_id', 'true')],
    },
    {
      name: 'change_metrics_ev_del',
      when: 'AFTER DELETE',
      table: 'change_events',
      condition: `OLD.action = 'submit'`,
      body: [mark('OLD.change_id', 'true')],
    },
  ];
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const pg = knex.client.config.client === 'pg';
  await knex.schema.createTable(DIRTY, table => {
    table.comment(
      'Changes whose metrics a write may have moved, marked by triggers, judged again before a read',
    );
    table.bigIncrements('seq');
    table.string('change_id', 255).notNullable();
  });
  await knex.schema.createTable(ROWS, table => {
    table.comment(
      'What the metrics judges say of each deployed change, per scope key',
    );
    table.string('scope_key', 255).notNullable();
    table.string('change_id', 255).notNullable();
    table.timestamp('deployed_at', { useTz: true }).notNullable();
    table.string('day', 10).notNullable().comment('yyyy-mm-dd, UTC');
    table.string('week', 10).notNullable().comment('its Monday, yyyy-mm-dd');
    table.string('type', 32).notNullable();
    table.integer('failed').notNullable().comment('isFailedChange');
    table.integer('failed_own').notNullable().comment('failedOnItsOwn');
    table.integer('verified_issues').notNullable();
    table.integer('verified_clean').notNullable();
    table.integer('caused_p1').notNullable();
    table.integer('caused_p2').notNullable();
    table.double('lead_hours').nullable();
    table.integer('lead_bucket').nullable();
    table
      .timestamp('recovered_at', { useTz: true })
      .nullable()
      .comment('the deploy that recovered a failed change');
    table.double('recovery_hours').nullable();
    table.integer('recovery_bucket').nullable();
    table.timestamp('retro_due_at', { useTz: true }).nullable();
    table.integer('retro_done').notNullable();
    table.integer('retro_on_time').notNullable();
    table.integer('retro_pending').notNullable();
    table.primary(['scope_key', 'change_id']);
    table.index(['change_id'], 'change_metric_rows_change_idx');
    table.index(['scope_key', 'deployed_at'], 'change_metric_rows_time_idx');
  });
  // In value order within a bucket: a percentile's value is read at an
  // offset, and a bucket of one value (ties) from its first and last. Ties
  // are in deploy order, newest last in one index and first in the other,
  // so that both ends of a recent period are found among the newest rows.
  for (const kind of ['lead', 'recovery']) {
    const columns = `scope_key, ${kind}_bucket, ${kind}_hours`;
    await knex.raw(
      `CREATE INDEX change_metric_rows_${kind}_idx ON ${ROWS} (${columns}, deployed_at)`,
    );
    await knex.raw(
      `CREATE INDEX change_metric_rows_${kind}_newest_idx ON ${ROWS} (${columns}, deployed_at DESC)`,
    );
  }
  await knex.raw(
    `CREATE INDEX change_metric_rows_failed_idx ON ${ROWS} (scope_key, recovered_at) WHERE failed = 1`,
  );
  await knex.raw(
    `CREATE INDEX change_metric_rows_pending_idx ON ${ROWS} (scope_key, deployed_at) WHERE retro_pending = 1`,
  );
  await knex.schema.createTable('change_metric_days', table => {
    table.comment('change_metric_rows summed per scope key, UTC day and type');
    table.string('scope_key', 255).notNullable();
    table.string('day', 10).notNullable();
    table.string('type', 32).notNullable();
    table.string('week', 10).notNullable();
    for (const column of [
      'deployed',
      'failed',
      'failed_own',
      'verified_issues',
      'verified_clean',
      'caused_p1',
      'caused_p2',
      'retro_done',
      'retro_on_time',
    ]) {
      table.integer(column).notNullable();
    }
    table.primary(['scope_key', 'day', 'type']);
    // Covering: a read of a key's days never visits the table.
    table.index(
      [
        'scope_key',
        'day',
        'type',
        'week',
        'deployed',
        'failed',
        'failed_own',
        'verified_issues',
        'verified_clean',
        'caused_p1',
        'caused_p2',
        'retro_done',
        'retro_on_time',
      ],
      'change_metric_days_sums_idx',
    );
  });
  await knex.schema.createTable('change_metric_buckets', table => {
    table.comment(
      'Lead and recovery times counted per scope key, kind, UTC day and bucket',
    );
    table.string('scope_key', 255).notNullable();
    table.string('kind', 16).notNullable().comment("'lead' or 'recovery'");
    table.string('day', 10).notNullable();
    table.integer('bucket').notNullable();
    table.integer('count').notNullable();
    table.primary(['scope_key', 'kind', 'day', 'bucket']);
    // Covering, by day first: both kinds of a key's period in one range.
    table.index(
      ['scope_key', 'day', 'kind', 'bucket', 'count'],
      'change_metric_buckets_counts_idx',
    );
  });
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
  // Every deployed change is judged before the first read.
  await knex.raw(
    `INSERT INTO ${DIRTY} (change_id) SELECT id FROM changes WHERE deployed_at IS NOT NULL`,
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const pg = knex.client.config.client === 'pg';
  for (const { name, table } of triggers(pg)) {
    await knex.raw(`DROP TRIGGER IF EXISTS ${name}${pg ? ` ON ${table}` : ''}`);
    if (pg) await knex.raw(`DROP FUNCTION IF EXISTS ${name}()`);
  }
  for (const table of [
    'change_metric_buckets',
    'change_metric_days',
    ROWS,
    DIRTY,
  ]) {
    await knex.schema.dropTable(table);
  }
};
