/*
 * Checks what the full test run needs beyond Node and npm: a reachable
 * PostgreSQL for the store tests and a Chromium for the browser tests.
 * Prints every missing piece with how to provide it, and exits 1 if any.
 */
const fs = require('node:fs');
const { Client } = require('pg');

async function checkPostgres(url) {
  const client = new Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return (
      `PostgreSQL is not reachable at ${url} (${
        error.code ?? error.message
      }).\n` +
      '   Start a server there with trust auth for user postgres (Debian: ' +
      "'pg_ctlcluster <version> main start'), or point " +
      'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING at another one.'
    );
  } finally {
    await client.end().catch(() => {});
  }
}

function checkChromium(path) {
  try {
    fs.accessSync(path, fs.constants.X_OK);
    return undefined;
  } catch {
    return (
      `Chromium is not installed at ${path}.\n` +
      "   Install it (Debian: 'apt-get install -y chromium') or set " +
      'CHROMIUM_PATH to a Chromium or Chrome binary.'
    );
  }
}

async function main() {
  const problems = [
    await checkPostgres(
      process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING,
    ),
    checkChromium(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  ].filter(Boolean);
  if (problems.length) {
    console.error('The full test run needs what this machine lacks:');
    for (const problem of problems) {
      console.error(` - ${problem}`);
    }
    process.exit(1);
  }
}

main();
