import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import knexFactory, { Knex } from 'knex';

const POSTGRES_IDS: TestDatabaseId[] = [
  'POSTGRES_18',
  'POSTGRES_17',
  'POSTGRES_16',
  'POSTGRES_15',
  'POSTGRES_14',
  'POSTGRES_13',
];

/**
 * SQLite always, plus every PostgreSQL whose connection string is set. With
 * CHANGE_MANAGEMENT_REQUIRE_POSTGRES set (the test script and CI set it) a
 * run without PostgreSQL fails here instead of quietly testing SQLite only.
 */
export function createTestDatabases(
  options: {
    /**
     * A new database for each test, as TestDatabases makes them, instead of
     * the file's one PostgreSQL database emptied between tests: for a test
     * that migrates down, which would leave the next test another schema.
     */
    freshPerTest?: boolean;
  } = {},
): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', ...POSTGRES_IDS],
    disableDocker: true,
  });
  if (
    process.env.CHANGE_MANAGEMENT_REQUIRE_POSTGRES &&
    !POSTGRES_IDS.some(id => databases.supports(id))
  ) {
    throw new Error(
      'PostgreSQL test cases are required but no BACKSTAGE_TEST_DATABASE_POSTGRES<version>_CONNECTION_STRING is set',
    );
  }
  closePerTestDatabases(databases, !options.freshPerTest);
  return databases;
}

/** What runs when a test ends, before its databases close. */
const beforeClose: (() => Promise<void>)[] = [];

/**
 * Runs `stop` when the current test ends, before its databases close: for
 * what a test backend keeps doing in the background, such as the outbox's
 * delivery loop, which would otherwise poll a closed pool until the suite
 * ends and its backends stop.
 */
export function beforeDatabasesClose(stop: () => Promise<void>): void {
  beforeClose.push(stop);
}

/**
 * Closes the connection pool of each database a test creates, when the test
 * ends: a suite that starts a backend per test would otherwise keep every
 * pool open until the suite ends, and on PostgreSQL run out of connections
 * (max_connections is 100). Databases made in beforeAll stay open for the
 * suite, as TestDatabases keeps them.
 */
function closePerTestDatabases(databases: TestDatabases, share: boolean) {
  const perTest: Knex[] = [];
  const shared = new Map<TestDatabaseId, { knex: Knex; seeds: Seeds }>();
  const init = databases.init.bind(databases);
  databases.init = async (id: TestDatabaseId) => {
    if (!expect.getState().currentTestName) return init(id);
    const knex =
      share && !id.startsWith('SQLITE') && !sharedInThisTest(perTest, shared)
        ? await emptied(shared, id, init)
        : await init(id);
    perTest.push(knex);
    return knex;
  };
  afterEach(async () => {
    await Promise.all(beforeClose.splice(0).map(stop => stop()));
    await Promise.all(perTest.splice(0).map(knex => knex.destroy()));
  });
}

function databaseName(knex: Knex): string {
  return (knex.client.config.connection as { database: string }).database;
}

/**
 * Whether this test already holds the file's shared database: a test that
 * asks twice (two replicas on their own databases) gets a new one the
 * second time, as before.
 */
function sharedInThisTest(
  perTest: Knex[],
  shared: Map<TestDatabaseId, { knex: Knex }>,
): boolean {
  const names = [...shared.values()].map(file => databaseName(file.knex));
  return perTest.some(knex => names.includes(databaseName(knex)));
}

/** The rows the migrations seed (the chain's head), by table. */
type Seeds = Map<string, Record<string, unknown>[]>;

const migrationsDir = resolvePackagePath(
  '@trove/backstage-plugin-change-management-backend',
  'migrations',
);

/**
 * The file's PostgreSQL database, made and migrated once, then brought back
 * to just-migrated for each later test (every table emptied, the seeded
 * rows put back) and handed out through a new pool, which the test's end
 * closes, so a backend left from an earlier test can no longer touch it.
 * Creating and migrating a PostgreSQL database for each test took most of a
 * backend test's time; this takes milliseconds.
 */
async function emptied(
  shared: Map<TestDatabaseId, { knex: Knex; seeds: Seeds }>,
  id: TestDatabaseId,
  init: (id: TestDatabaseId) => Promise<Knex>,
): Promise<Knex> {
  let file = shared.get(id);
  if (!file) {
    const knex = await init(id);
    await knex.migrate.latest({ directory: migrationsDir });
    const seeds: Seeds = new Map();
    for (const table of await tablesOf(knex)) {
      const rows = await knex(table).select();
      if (rows.length) seeds.set(table, rows);
    }
    file = { knex, seeds };
    shared.set(id, file);
  } else {
    await reset(file.knex, file.seeds);
  }
  return knexFactory(file.knex.client.config);
}

async function tablesOf(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema() AND tablename NOT LIKE 'knex\\_%'`,
  );
  return rows.map((r: { tablename: string }) => r.tablename);
}

async function reset(knex: Knex, seeds: Seeds) {
  const tables = await tablesOf(knex);
  await knex.transaction(async tx => {
    // The audit tables refuse TRUNCATE and edits with triggers; replica
    // mode skips them for this transaction only.
    await tx.raw('SET LOCAL session_replication_role = replica');
    await tx.raw(
      `TRUNCATE ${tables.map(t => `"${t}"`).join(', ')} RESTART IDENTITY`,
    );
    for (const [table, rows] of seeds) await tx(table).insert(rows);
    // A test that disabled a trigger gets it back, so the next test sees
    // the schema the migrations made.
    const disabled = await tx.raw(
      `SELECT DISTINCT c.relname FROM pg_trigger t
         JOIN pg_class c ON c.oid = t.tgrelid
        WHERE NOT t.tgisinternal AND t.tgenabled = 'D'`,
    );
    for (const { relname } of disabled.rows) {
      await tx.raw(`ALTER TABLE "${relname}" ENABLE TRIGGER USER`);
    }
  });
}
