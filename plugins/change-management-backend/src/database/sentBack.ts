import { SentBack } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { toIso } from './timestamps';

/** The two actions that send a change back to its author as a draft. */
const SENDING_BACK: SentBack['action'][] = [
  'request-changes',
  'record-staging',
];

/**
 * Why a draft is a draft again, as a column of the change's own query: the
 * last event that sent it back, as one JSON array of `[action, actor,
 * created_at, comment, fields]`, found by the (change_id, seq) index. A
 * draft never sent back has none. Only a draft's reason is current: once
 * resubmitted it no longer applies, so other states read nothing.
 */
export function sentBackColumn(db: Knex): Knex.Raw {
  const array =
    db.client.config.client === 'pg' ? 'json_build_array' : 'json_array';
  return db.raw(
    `case when changes.state = 'draft' then (select ${array}(ev.action, ev.actor, ev.created_at, ev.comment, ev.fields) from change_events ev where ev.change_id = changes.id and ev.action in (?, ?) and ev.to_state = 'draft' order by ev.seq desc limit 1) end as sent_back`,
    SENDING_BACK,
  );
}

/** A row read with {@link sentBackColumn}. */
export type WithSentBack = { sent_back: unknown };

/**
 * The reason of a row read with {@link sentBackColumn}, if it has one. The
 * pg driver parses JSON itself; SQLite hands back the text. The time is a
 * timestamp's JSON text on PostgreSQL and epoch milliseconds on SQLite.
 */
export function sentBackOf(row: WithSentBack): SentBack | undefined {
  const value = row.sent_back;
  if (value === null || value === undefined) {
    return undefined;
  }
  const [action, by, at, comment, fields] = (
    typeof value === 'string' ? JSON.parse(value) : value
  ) as [SentBack['action'], string, unknown, string | null, string];
  return {
    action,
    by,
    at: toIso(at),
    comment: comment ?? undefined,
    failedChecks: (JSON.parse(fields) as { failedChecks?: string[] })
      .failedChecks,
  };
}
