import { ChangeEvent } from '@trove/backstage-plugin-change-management-common';
import { ChangeRow, decodeChangeRow, encodeChangeRow } from './changeColumns';
import { AffectedEntity, StoredChange } from './ChangeStore';
import { HashedEvent } from './eventChain';
import { toDate, toIso } from './timestamps';

export type { ChangeRow } from './changeColumns';

/**
 * A change's affected entities and their Systems, each sorted, the
 * Systems once each.
 */
export function affectedRefs(
  entityRefs: string[],
  systemRefs: Iterable<string>,
): Pick<StoredChange, 'affectedEntityRefs' | 'affectedSystemRefs'> {
  return {
    affectedEntityRefs: entityRefs.sort(),
    affectedSystemRefs: [...new Set(systemRefs)].sort(),
  };
}

/** Builds a change from its row and its affected entities. */
export function rowToChange(
  row: ChangeRow,
  entities: { entity_ref: string; system_ref: string | null }[],
): StoredChange {
  const change = decodeChangeRow(row);
  const affected = affectedRefs(
    entities.map(e => e.entity_ref),
    entities.flatMap(e => (e.system_ref ? [e.system_ref] : [])),
  );
  change.affectedEntityRefs = affected.affectedEntityRefs;
  change.affectedSystemRefs = affected.affectedSystemRefs;
  return change;
}

/** The row for a change; dates become Date objects for the driver. */
export const changeToRow = encodeChangeRow;

/**
 * The row's copy of what the change's last deploy event recorded of its
 * pull request (issue 20), which the change log's export reads, for a
 * writer that skips the triggers (BulkHistoryWriter's replica mode): the
 * trigger of migration 20261231030000_pull_request_at_deploy keeps it for
 * every other write. Empty when none of the events is a deploy; null when
 * the last deploy recorded no PR.
 */
export function deployedPullRequestColumn(
  events: readonly { action: string; fields?: Record<string, unknown> }[],
): { pull_request_at_deploy?: string | null } {
  const deploy = events.filter(e => e.action === 'deploy').pop();
  if (!deploy) return {};
  const snapshot = deploy.fields?.pullRequest;
  return {
    pull_request_at_deploy: snapshot ? JSON.stringify(snapshot) : null,
  };
}

/** The `change_entities` row of an affected entity of a change. */
export function entityToRow(change: StoredChange, entity: AffectedEntity) {
  return {
    change_id: change.id,
    entity_ref: entity.entityRef,
    system_ref: entity.systemRef ?? null,
    owner_ref: entity.ownerRef ?? null,
    // The list's sort key, beside the entity it is listed by.
    created_at: toDate(change.createdAt),
  };
}

/**
 * The `change_events` row of an event, without its place in the chain
 * (`seq`, `previous_hash`, `hash`): the event as hashed (`asStored`), at
 * its time as a Date for the driver.
 */
export function eventToRow(event: HashedEvent, at: Date) {
  return {
    id: event.id,
    change_id: event.changeId,
    lockdown_id:
      event.changeId === null ? String(event.fields.lockdownId) : null,
    action: event.action,
    from_state: event.fromState ?? null,
    to_state: event.toState,
    actor: event.actor,
    created_at: at,
    comment: event.comment ?? null,
    fields: JSON.stringify(event.fields),
  };
}

/** Builds an event from its row in `change_events`. */
export function rowToEvent(row: Record<string, any>): ChangeEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    changeId: row.change_id,
    action: row.action,
    fromState: row.from_state ?? undefined,
    toState: row.to_state,
    actor: row.actor,
    at: toIso(row.created_at),
    comment: row.comment ?? undefined,
    fields: JSON.parse(row.fields),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
