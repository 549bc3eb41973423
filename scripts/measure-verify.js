/*
 * Measures how fast GET /audit/verify checks the audit trail on PostgreSQL:
 * the hash chain, the checkpoints and every change row against its events.
 *
 *   node scripts/measure-verify.js --changes 1000000
 *
 * It fills the database `change_management_measure` (created if missing, on
 * PG_CONNECTION or postgresql://postgres@127.0.0.1:5432) with standard
 * changes that each went through the whole workflow (8 events: create to
 * verify), appending to what an earlier run left there, then runs the
 * verifier once and prints events per second. `--fresh` starts over.
 */
const { randomUUID } = require('node:crypto');
const path = require('node:path');
const knexFactory = require('knex');

// Lets this script require the plugins' TypeScript sources.
require('@backstage/cli/config/nodeTransform.cjs');

const backend = path.resolve(__dirname, '../plugins/change-management-backend');
const {
  ChainVerificationService,
} = require(`${backend}/src/service/ChainVerificationService`);
const {
  DatabaseChainStore,
} = require(`${backend}/src/database/DatabaseChainStore`);
const { replayEvents } = require(`${backend}/src/service/replay`);
// The backend's one way to bulk-load history, as the bench loads it.
const {
  BulkHistoryWriter,
} = require('@trove/backstage-plugin-change-management-backend/testUtils');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};
const target = Number(arg('changes', '100000'));
const connection =
  process.env.PG_CONNECTION ?? 'postgresql://postgres@127.0.0.1:5432';
const DATABASE = arg('database', 'change_management_measure');

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const carol = 'user:default/carol';
const STEPS = [
  ['submit', alice, 'draft', 'in_review', {}],
  ['review', bob, 'in_review', 'awaiting_approval', { comment: 'Looks good' }],
  ['approve', carol, 'awaiting_approval', 'approved', {}],
  [
    'record-staging',
    alice,
    'approved',
    'staging_verified',
    {
      functionalTested: true,
      regressionChecked: true,
      noUnexpectedSideEffects: true,
      stagingTested: 'yes',
    },
  ],
  ['sign-off', carol, 'staging_verified', 'ready_for_production', {}],
  [
    'deploy',
    bob,
    'ready_for_production',
    'deployed',
    { deploymentRef: 'https://ci.example.com/runs/7' },
  ],
  [
    'verify',
    alice,
    'deployed',
    'completed',
    { postDeploymentVerified: 'yes', issuesEncountered: '' },
  ],
];

/** One change with its events, as the service records them. */
function lifecycle(index) {
  const changeId = randomUUID();
  const start = Date.parse('2026-02-01T00:00:00Z') + index * 60_000;
  const events = [
    {
      id: randomUUID(),
      changeId,
      action: 'create',
      toState: 'draft',
      actor: alice,
      at: new Date(start).toISOString(),
      fields: {
        type: 'standard',
        title: `Change ${index}`,
        description: 'Moves payments-service to PSP SDK v5 for 3DS2 support.',
        risks: 'Refund calls change shape.',
        testingNotes: 'Unit tests and a local run against the PSP sandbox.',
        pullRequestUrl: `https://github.com/acme/payments-service/pull/${index}`,
        affectedEntityRefs: ['component:default/payments-service'],
      },
    },
  ];
  STEPS.forEach(([action, actor, fromState, toState, fields], i) => {
    events.push({
      id: randomUUID(),
      changeId,
      action,
      fromState,
      toState,
      actor,
      at: new Date(start + (i + 1) * 1000).toISOString(),
      comment: fields.comment,
      fields,
    });
  });
  // The row the store holds after these events, as the verifier replays it.
  const change = replayEvents(events);
  return {
    change,
    entities: [
      {
        entityRef: 'component:default/payments-service',
        systemRef: 'system:default/payments',
        ownerRef: 'group:default/payments-team',
      },
    ],
    events: events.map(({ id: _id, changeId: _change, at, ...e }) => ({
      ...e,
      at: new Date(at),
    })),
  };
}

async function database() {
  const admin = knexFactory({ client: 'pg', connection });
  const { rows } = await admin.raw(
    'SELECT 1 FROM pg_database WHERE datname = ?',
    [DATABASE],
  );
  if (process.argv.includes('--fresh') && rows.length) {
    await admin.raw(`DROP DATABASE ${DATABASE}`);
  }
  if (!rows.length || process.argv.includes('--fresh')) {
    await admin.raw(`CREATE DATABASE ${DATABASE}`);
  }
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: `${connection}/${DATABASE}`,
    pool: { min: 1, max: 4 },
  });
  await knex.migrate.latest({ directory: `${backend}/migrations` });
  return knex;
}

async function seed(knex) {
  const [{ n }] = await knex('changes').count({ n: '*' });
  let have = Number(n);
  const before = have;
  const started = Date.now();
  const client = await knex.client.acquireConnection();
  try {
    const writer = await BulkHistoryWriter.open(client);
    while (have < target) {
      const count = Math.min(1000, target - have);
      for (let i = 0; i < count; i++) writer.add(lifecycle(have + i));
      await writer.flush();
      have += count;
      if (have % 20000 === 0 || have === target) {
        const s = (Date.now() - started) / 1000;
        console.log(
          `seeded ${have} changes (${Math.round(
            (have - before) / s,
          )} changes/s this run)`,
        );
      }
    }
    await writer.finish();
  } finally {
    await knex.client.releaseConnection(client);
  }
}

async function main() {
  const knex = await database();
  await seed(knex);
  await knex.raw('VACUUM ANALYZE');
  const [{ n }] = await knex('change_events').count({ n: '*' });
  const verifier = new ChainVerificationService(new DatabaseChainStore(knex));
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await verifier.verify();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { user, system } = process.cpuUsage(cpu);
  const nodeCpuSeconds = (user + system) / 1e6;
  console.log(
    JSON.stringify({ ...result, events: Number(n), seconds, nodeCpuSeconds }),
  );
  console.log(
    `verified ${Number(n)} events of ${target} changes in ${seconds.toFixed(
      1,
    )} s: ${Math.round(Number(n) / seconds)} events/s (ok: ${result.ok})`,
  );
  await knex.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
