import { z } from 'zod';
import { CHANGE_ACTIONS } from './enums';
import { ChainCheckpoint, chainCheckpointSchema } from './events';
import { isoTime } from './fields';
import { changeStateSchema, changeTypeSchema } from './types';

// What the backend tells the rest of Backstage after a commit, through the
// outbox (docs/events.md): events for other backend plugins and modules, and
// signals for open pages. Each payload is versioned; a change to its meaning
// is a new version, and fields are only ever added.

/**
 * The events service topic of the accepted actions. @public
 */
export const CHANGE_EVENTS_TOPIC = 'change-management';

/**
 * The events service topic of the nightly checkpoints. @public
 */
export const CHECKPOINT_EVENTS_TOPIC = 'change-management.checkpoint';

/**
 * One accepted action (or a change raised), as published on
 * {@link CHANGE_EVENTS_TOPIC} after its commit. Delivered at least once:
 * deduplicate on `id`.
 *
 * @public
 */
export const changeActionEventSchema = z
  .object({
    version: z.literal(1).describe('The version of this payload.'),
    id: z
      .string()
      .uuid()
      .describe(
        'The audit event of the action, the same on every delivery: deduplicate on it.',
      ),
    changeId: z.string().uuid(),
    title: z.string(),
    action: z.enum(['create', ...CHANGE_ACTIONS]),
    from: changeStateSchema.optional().describe('Absent on create.'),
    to: changeStateSchema,
    type: changeTypeSchema,
    actor: z.string().describe('Who took it (a user entity ref).'),
    entityRefs: z.array(z.string()).describe('The entities it affects.'),
    systemRefs: z
      .array(z.string())
      .describe('The Systems those entities belong to.'),
    at: isoTime('When it was recorded, as in the audit trail.'),
    link: z
      .string()
      .describe(
        "The change's page: an absolute URL under app.baseUrl, or the path alone when that is not set.",
      ),
  })
  .strict();

/** @public */
export type ChangeActionEvent = z.infer<typeof changeActionEventSchema>;

/**
 * A checkpoint of the audit hash chain, as published on
 * {@link CHECKPOINT_EVENTS_TOPIC} when the nightly verification takes it, so
 * that a module can keep it where the database's administrators cannot
 * rewrite it.
 *
 * @public
 */
export const checkpointEventSchema = chainCheckpointSchema
  .extend({ version: z.literal(1).describe('The version of this payload.') })
  .strict();

/** @public */
export type CheckpointEvent = z.infer<typeof checkpointEventSchema>;

/**
 * The text a checkpoint's signature signs, UTF-8: five fields, one a line,
 * each ending with a newline. An auditor writes it again with `printf`
 * (README, "Verify a checkpoint with openssl").
 *
 * @public
 */
export function checkpointSignedText(
  checkpoint: Pick<
    ChainCheckpoint,
    'seq' | 'eventId' | 'hash' | 'at' | 'createdAt'
  >,
): string {
  const { seq, eventId, hash, at, createdAt } = checkpoint;
  return `change-management checkpoint v1\nseq: ${seq}\neventId: ${eventId}\nhash: ${hash}\nat: ${at}\ncreatedAt: ${createdAt}\n`;
}

/**
 * The signals channel the backend pushes to after each accepted action.
 * @public
 */
export const CHANGE_SIGNAL_CHANNEL = 'change-management';

/**
 * A signal says only which change moved, never what it holds: a page that
 * shows it fetches it again through the permission-checked API.
 *
 * @public
 */
export type ChangeSignal = { changeId: string };
