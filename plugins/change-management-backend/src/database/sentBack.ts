import { SentBack } from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { toIso } from './timestamps';

/** The two actions that send a change back to its author as a draft. */
const SENDING_BACK: SentBack['action'][] = [
  'request-changes',
  'record-staging',
];

/**
 * Why each of these drafts is a draft again: the last event that sent it
 * back, read for a whole page in one query. A draft never sent back has
 * none. Only a draft's reason is current: once resubmitted it no longer
 * applies.
 */
export async function sentBackOf(
  db: Knex,
  draftIds: string[],
): Promise<Map<string, SentBack>> {
  const reasons = new Map<string, SentBack>();
  if (draftIds.length === 0) {
    return reasons;
  }
  const rows = await db('change_events')
    .whereIn('change_id', draftIds)
    .whereIn('action', SENDING_BACK)
    .where('to_state', 'draft')
    .orderBy('seq', 'asc');
  for (const row of rows) {
    const fields = JSON.parse(row.fields) as { failedChecks?: string[] };
    reasons.set(row.change_id, {
      action: row.action,
      by: row.actor,
      at: toIso(row.created_at),
      comment: row.comment ?? undefined,
      failedChecks: fields.failedChecks,
    });
  }
  return reasons;
}
