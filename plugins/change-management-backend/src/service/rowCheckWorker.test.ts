import { ChangeEvent } from '@trove/backstage-plugin-change-management-common';
import { drafts } from '../__testUtils__/changes';
import { ChangeBatch } from '../database/ChainStore';
import { StoredChange } from '../database/ChangeStore';
import { GENESIS_HASH, hashEvent } from '../database/eventChain';
import { checkRows } from './rowCheck';
import { RowCheckWorker } from './rowCheckWorker';

jest.setTimeout(60_000);

/** A change's create event, and a row that is not what it replays to. */
function created(id: string, seq: number): ChangeBatch {
  const event = {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    seq,
    changeId: id,
    action: 'create',
    toState: 'draft',
    actor: 'user:default/alice',
    at: '2026-06-10T09:00:00.000Z',
    fields: drafts.standard,
    previousHash: GENESIS_HASH,
  } as Omit<ChangeEvent, 'hash'>;
  const stored = { id, affectedEntityRefs: [] } as unknown as StoredChange;
  return {
    changes: [stored],
    events: new Map([
      [id, [{ ...event, hash: hashEvent(GENESIS_HASH, event) }]],
    ]),
  };
}

describe('RowCheckWorker', () => {
  let worker: RowCheckWorker;
  beforeEach(() => {
    worker = new RowCheckWorker();
  });
  afterEach(() => worker.close());

  it('answers each batch as checkRows does, in the order posted', async () => {
    const sound = created('c1', 1);
    const edited = created('c2', 2);
    const [event] = edited.events.get('c2')!;
    edited.events.set('c2', [{ ...event, comment: 'edited' }]);
    const batches = [sound, edited, sound];
    const answers = await Promise.all(
      batches.map(batch => worker.check(batch, 1, true)),
    );
    expect(answers).toEqual(batches.map(batch => checkRows(batch, 1, true)));
    // The edited event's hash fails; the others replay to a draft that is
    // not their row.
    expect(answers.map(a => [a.hashesHold, a.hashed])).toEqual([
      [true, 1],
      [false, 0],
      [true, 1],
    ]);
    expect(answers[0].problem?.badChangeId).toBe('c1');
  });

  it('is ready once it has loaded its code, and not after it is closed', async () => {
    expect(worker.ready).toBe(false);
    // Its first answer comes after it said it was ready.
    await worker.check(created('c1', 1), 1, true);
    expect(worker.ready).toBe(true);
    await worker.close();
    await expect(worker.check(created('c1', 1), 1, true)).rejects.toThrow();
    expect(worker.ready).toBe(false);
  });

  it('turns an error in the worker into a refusal of that batch only', async () => {
    const bad = created('c1', 1);
    const [event] = bad.events.get('c1')!;
    // canonical JSON has no form for a BigInt: hashing it throws.
    const fields = { ...event.fields, n: BigInt(1) } as ChangeEvent['fields'];
    bad.events.set('c1', [{ ...event, fields }]);
    await expect(worker.check(bad, 1, true)).rejects.toThrow(
      /The row check failed: .*BigInt/,
    );
    await expect(worker.check(created('c2', 1), 1, true)).resolves.toEqual(
      expect.objectContaining({ hashesHold: true, hashed: 1 }),
    );
  });

  it('refuses batches once it is closed', async () => {
    await worker.close();
    await expect(worker.check(created('c1', 1), 1, true)).rejects.toThrow(
      /worker exited/,
    );
  });
});
