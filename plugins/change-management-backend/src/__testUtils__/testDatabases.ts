import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

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
  return databases;
}
