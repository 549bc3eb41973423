import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  coreServices,
  createBackendPlugin,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import {
  ChainCheckpoint,
  CHECKPOINT_EVENTS_TOPIC,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { drafts } from '../__testUtils__/changes';
import { startChangeManagement } from '../__testUtils__/harness';
import { rehashChain, withoutTriggers } from '../__testUtils__/history';
import { readmeBlocks } from '../__testUtils__/readme';
import { realEvents } from '../__testUtils__/realEvents';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseChainStore } from '../database/DatabaseChainStore';
import { ChainVerificationService } from '../service/ChainVerificationService';
import { VERIFY_TASK_ID } from '../service/verifyChainTask';

jest.setTimeout(60_000);

/** Runs a README block with bash in `dir`, as an operator or auditor would. */
function sh(script: string, dir: string, env: Record<string, string> = {}) {
  const run = spawnSync('bash', ['-c', script], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { ok: run.status === 0, output: run.stdout + run.stderr };
}

const [makeKey] = readmeBlocks('## Signed checkpoints');
const [verifyCheckpoint] = readmeBlocks('### Verify a checkpoint with openssl');

/** The auditor's check, with the README's commands, of one checkpoint. */
function auditorVerifies(checkpoint: ChainCheckpoint, dir: string) {
  return sh(verifyCheckpoint, dir, {
    SEQ: String(checkpoint.seq),
    EVENT_ID: checkpoint.eventId,
    HASH: checkpoint.hash,
    AT: checkpoint.at,
    CREATED_AT: checkpoint.createdAt,
    SIGNATURE: checkpoint.signature ?? '',
  });
}

/**
 * Checkpoints signed with an Ed25519 key the operator made with the
 * README's commands, published on the events service, and checked by the
 * auditor with openssl alone and by `GET /audit/verify`.
 */
describe('signed checkpoints', () => {
  const databases = createTestDatabases();
  const dir = mkdtempSync(join(tmpdir(), 'change-audit-key-'));
  const made = sh(makeKey, dir);
  const signingKey = readFileSync(
    join(dir, 'change-management-audit.pem'),
    'utf8',
  );

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    /** The plugin with the key, and a hand on the night. */
    const setup = async (knex: Knex) => {
      let scheduler: SchedulerService | undefined;
      const events = realEvents([CHECKPOINT_EVENTS_TOPIC]);
      const h = await startChangeManagement({
        knex,
        config: events.config,
        changeManagement: {
          roles: { cto: ['group:default/cto'] },
          audit: { signingKey },
        },
        extraFeatures: [
          ...events.features,
          createBackendPlugin({
            pluginId: 'scheduler-handle',
            register(env) {
              env.registerInit({
                deps: { s: coreServices.scheduler },
                async init({ s }) {
                  scheduler = s;
                },
              });
            },
          }),
        ],
      });
      const night = async () => {
        await scheduler!.triggerTask(VERIFY_TASK_ID);
        await h.drain();
      };
      const checkpoints = async (): Promise<ChainCheckpoint[]> =>
        (await h.as('oscar').get('/audit/checkpoints')).body.items;
      const verify = async () =>
        (await h.as('oscar').get('/audit/verify')).body;
      return { h, night, checkpoints, verify, published: events.received };
    };

    it('signs each checkpoint, publishes it, and the README’s openssl commands verify it', async () => {
      expect(made.ok).toBe(true);
      const { h, night, checkpoints, published } = await setup(
        await databases.init(databaseId),
      );
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      await night();
      const [checkpoint] = await checkpoints();
      const [, submit] = await h.knex('change_events').orderBy('seq');
      expect(checkpoint).toEqual({
        eventId: submit.id,
        seq: Number(submit.seq),
        hash: submit.hash,
        at: expect.any(String),
        createdAt: expect.any(String),
        signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
        keyFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(published).toEqual([
        {
          topic: 'change-management.checkpoint',
          eventPayload: { version: 1, ...checkpoint },
        },
      ]);

      const audit = auditorVerifies(checkpoint, dir);
      expect(audit.output).toContain(`${checkpoint.keyFingerprint} *stdin`);
      expect(audit.output).toContain('Signature Verified Successfully');
      expect(audit.ok).toBe(true);

      // A quiet night signs and publishes nothing more.
      await night();
      expect(await checkpoints()).toHaveLength(1);
      expect(published).toHaveLength(1);
    });

    it('finds a checkpoint forged with the history it vouches for', async () => {
      const knex = await databases.init(databaseId);
      const { h, night, checkpoints, verify } = await setup(knex);
      const { body } = await h.as('alice').post('/changes', drafts.standard);
      await h.act('alice', body.id, 'submit');
      await night();
      const [signed] = await checkpoints();

      // Someone with the database's credentials rewrites an event, hashes
      // the chain again and moves the checkpoint to the new hash.
      await withoutTriggers(knex, async () => {
        await knex('change_events')
          .where({ change_id: body.id, action: 'create' })
          .update({ comment: 'raised after the incident review' });
        await rehashChain(knex);
        const [, forged] = await knex('change_events').orderBy('seq');
        await knex('change_chain_checkpoints').update({ hash: forged.hash });
      });
      const [rewritten] = await checkpoints();
      expect(rewritten.hash).not.toBe(signed.hash);

      // Without the key, nothing in the database gives it away.
      const keyless = new ChainVerificationService(
        new DatabaseChainStore(knex),
      );
      expect(await keyless.verify()).toMatchObject({ ok: true });

      expect(await verify()).toMatchObject({
        ok: false,
        firstBadEventId: signed.eventId,
        problem: expect.stringMatching(
          /^The checkpoint of .* does not carry a valid signature of the audit signing key/,
        ),
      });
      const audit = auditorVerifies(rewritten, dir);
      expect(audit.ok).toBe(false);
      expect(audit.output).toContain('Signature Verification Failure');
      // And no new checkpoint vouches for the rewritten history.
      await h.act('alice', body.id, 'cancel', { reason: 'Superseded' });
      await night();
      expect(await checkpoints()).toHaveLength(1);
    });

    it('finds an unsigned checkpoint added after a signed one', async () => {
      const knex = await databases.init(databaseId);
      const { h, night, verify } = await setup(knex);
      await h.as('alice').post('/changes', drafts.standard);
      await night();
      const [row] = await knex('change_chain_checkpoints');
      const { id: _id, ...copy } = row;
      await knex('change_chain_checkpoints').insert({
        ...copy,
        signature: null,
        key_fingerprint: null,
      });
      expect(await verify()).toMatchObject({
        ok: false,
        firstBadEventId: row.event_id,
      });
    });

    it('signs the head again the first night after a key is set', async () => {
      const knex = await databases.init(databaseId);
      const after = await setup(knex);
      await after.h.as('alice').post('/changes', drafts.standard);
      // A night before the key was set.
      const keyless = new ChainVerificationService(
        new DatabaseChainStore(knex),
      );
      await keyless.verifyAndCheckpoint(after.h.clock.now());
      const [unsigned] = await after.checkpoints();
      expect(unsigned.signature).toBeUndefined();

      expect(await after.verify()).toMatchObject({ ok: true });
      await after.night();
      const [signed, first] = await after.checkpoints();
      expect(first).toEqual(unsigned);
      expect(signed).toMatchObject({
        eventId: unsigned.eventId,
        hash: unsigned.hash,
        signature: expect.any(String),
      });
      expect(auditorVerifies(signed, dir).ok).toBe(true);
      expect(await after.verify()).toMatchObject({ ok: true });
    });
  });
});
