import { Knex } from 'knex';
import {
  ChainCheckpoint,
  ChangeEvent,
  Lockdown,
} from '@trove/backstage-plugin-change-management-common';
import {
  ChainLinks,
  ChainStore,
  ChangeBatch,
  LockdownEvent,
} from './ChainStore';
import { enqueue } from './DatabaseOutboxStore';
import { lockdownFromRow } from './DatabaseLockdownStore';
import { OutboxMessage } from './OutboxStore';
import { ChangeRow, rowToChange, rowToEvent } from './rows';
import { GENESIS_HASH } from './eventChain';
import { toIso } from './timestamps';

/** The Knex implementation of {@link ChainStore}. */
export class DatabaseChainStore implements ChainStore {
  constructor(private readonly db: Knex) {}

  async eventsAfter(seq: number, limit: number): Promise<ChangeEvent[]> {
    const rows = await this.db('change_events')
      .where('seq', '>', seq)
      .orderBy('seq', 'asc')
      .limit(limit);
    return rows.map(rowToEvent);
  }

  async head(): Promise<{ hash: string; eventId?: string } | undefined> {
    const row = await this.db('change_event_chain').where({ id: 1 }).first();
    return (
      row && { hash: row.last_hash, eventId: row.last_event_id ?? undefined }
    );
  }

  async changesAfter(id: string, limit: number): Promise<ChangeBatch> {
    // A change row and its event are written in one transaction, so read
    // them from one snapshot too, or a concurrent action would look like a
    // mismatch.
    return this.db.transaction(
      async tx => {
        const rows: ChangeRow[] = await tx('changes')
          .where('id', '>', id)
          .orderBy('id', 'asc')
          .limit(limit);
        if (!rows.length) {
          return { changes: [], events: new Map() };
        }
        // The batch holds every change with an id in (id, last]: one range
        // of each index, where a list of a thousand ids had PostgreSQL look
        // each up.
        const last = rows[rows.length - 1].id;
        const ofBatch = (table: string) =>
          tx(table).where('change_id', '>', id).where('change_id', '<=', last);
        const [entityRows, eventRows] = await Promise.all([
          ofBatch('change_entities'),
          ofBatch('change_events').orderBy([
            { column: 'change_id', order: 'asc' },
            { column: 'seq', order: 'asc' },
          ]),
        ]);
        const entities = groupBy(entityRows, e => e.change_id);
        const events = groupBy(eventRows.map(rowToEvent), e => e.changeId);
        return {
          changes: rows.map(r => rowToChange(r, entities.get(r.id) ?? [])),
          events,
        };
      },
      this.db.client.config.client === 'pg'
        ? { isolationLevel: 'repeatable read', readOnly: true }
        : undefined,
    );
  }

  async chainLinks(seq: number): Promise<ChainLinks> {
    const upTo = this.db('change_events').where('seq', '<=', seq);
    const links = upTo
      .clone()
      .select(
        'seq',
        'previous_hash',
        this.db.raw('lag(hash) over (order by seq) as prior'),
      )
      .as('links');
    const [[counted], [broken], [last]] = await Promise.all([
      upTo.clone().count({ n: '*' }),
      this.db
        .from(links)
        .min({ seq: 'seq' })
        .whereRaw('previous_hash <> coalesce(prior, ?)', [GENESIS_HASH]),
      upTo
        .clone()
        .select('id', 'hash', 'created_at')
        .orderBy('seq', 'desc')
        .limit(1),
    ]);
    return {
      count: Number(counted.n),
      firstBreak: broken.seq === null ? undefined : Number(broken.seq),
      last: last && {
        id: last.id,
        hash: last.hash,
        at: toIso(last.created_at),
      },
    };
  }

  async seqOf(eventId: string): Promise<number | undefined> {
    const row = await this.db('change_events')
      .where({ id: eventId })
      .first('seq');
    return row && Number(row.seq);
  }

  async eventsAt(
    seqs: number[],
  ): Promise<{ seq: number; id: string; hash: string }[]> {
    const rows = await this.db('change_events')
      .whereIn('seq', seqs)
      .select('seq', 'id', 'hash');
    return rows.map(r => ({ seq: Number(r.seq), id: r.id, hash: r.hash }));
  }

  async firstOrphanEvent(seq: number): Promise<string | undefined> {
    const row = await this.db('change_events as e')
      .leftJoin('changes as c', 'c.id', 'e.change_id')
      .whereNull('c.id')
      // A lockdown's event belongs to no change (issue 24).
      .whereNull('e.lockdown_id')
      .where('e.seq', '<=', seq)
      .orderBy('e.seq')
      .first('e.id');
    return row?.id;
  }

  async lockdownHistory(): Promise<{
    lockdowns: Lockdown[];
    events: LockdownEvent[];
  }> {
    return this.db.transaction(
      async tx => {
        const [rows, events] = await Promise.all([
          tx('change_lockdowns').orderBy('id'),
          tx('change_events').whereNotNull('lockdown_id').orderBy('seq'),
        ]);
        return {
          lockdowns: rows.map(lockdownFromRow),
          events: events.map(rowToEvent),
        };
      },
      this.db.client.config.client === 'pg'
        ? { isolationLevel: 'repeatable read', readOnly: true }
        : undefined,
    );
  }

  async addCheckpoint(
    checkpoint: ChainCheckpoint,
    effects: OutboxMessage[],
  ): Promise<void> {
    const createdAt = new Date(checkpoint.createdAt);
    await this.db.transaction(async tx => {
      await tx('change_chain_checkpoints').insert({
        event_seq: checkpoint.seq,
        event_id: checkpoint.eventId,
        hash: checkpoint.hash,
        event_at: new Date(checkpoint.at),
        created_at: createdAt,
        signature: checkpoint.signature ?? null,
        key_fingerprint: checkpoint.keyFingerprint ?? null,
      });
      await enqueue(tx, checkpoint.eventId, effects, createdAt);
    });
  }

  async listCheckpoints(limit?: number): Promise<ChainCheckpoint[]> {
    const query = this.db('change_chain_checkpoints');
    const rows = await (limit === undefined
      ? query.orderBy('id', 'asc')
      : query.orderBy('id', 'desc').limit(limit));
    return rows.map(row => ({
      eventId: row.event_id,
      seq: Number(row.event_seq),
      hash: row.hash,
      at: toIso(row.event_at),
      createdAt: toIso(row.created_at),
      ...(row.signature ? { signature: row.signature } : {}),
      ...(row.key_fingerprint ? { keyFingerprint: row.key_fingerprint } : {}),
    }));
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) {
      group.push(item);
    } else {
      groups.set(key(item), [item]);
    }
  }
  return groups;
}
