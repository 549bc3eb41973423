import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';

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
export function createTestDatabases(): TestDatabases {
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
  closePerTestDatabases(databases);
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
function closePerTestDatabases(databases: TestDatabases) {
  const perTest: Knex[] = [];
  const init = databases.init.bind(databases);
  databases.init = async (id: TestDatabaseId) => {
    const knex = await init(id);
    if (expect.getState().currentTestName) perTest.push(knex);
    return knex;
  };
  afterEach(async () => {
    await Promise.all(beforeClose.splice(0).map(stop => stop()));
    await Promise.all(perTest.splice(0).map(knex => knex.destroy()));
  });
}
