import type { InputIssue } from '../errors';
import { DRAFT_FIELD_LABELS } from '../labels';
import type { Change } from '../types';

// Issue 21, metrics: an emergency may name the change whose failure caused
// its incident. That change then counts as failed (changeFailure.ts) and
// loses points in the change success score (metrics.ts), so the link is
// judged here, once, and the server refuses a bad one.

const LABEL = DRAFT_FIELD_LABELS.causedBy;

/**
 * What is wrong with an emergency's "caused by", or nothing: only an
 * emergency names a cause, never itself, and only a change that exists (and
 * that its author may read) and was raised before it. `cause` is the named
 * change as found, or undefined when there is none to see.
 *
 * @public
 */
export function causedByIssue(
  change: Pick<Change, 'id' | 'type' | 'createdAt'>,
  causedBy: string | undefined,
  cause: Pick<Change, 'id' | 'createdAt'> | undefined,
): InputIssue | undefined {
  if (causedBy === undefined) {
    return undefined;
  }
  const issue = (message: string) => ({ path: 'causedBy', message });
  if (change.type !== 'emergency') {
    return issue(
      `${LABEL} is for an emergency only: it names the change that caused its incident`,
    );
  }
  if (causedBy === change.id) {
    return issue(`${LABEL} cannot name the emergency itself`);
  }
  if (!cause) {
    return issue(`${LABEL}: there is no change with id '${causedBy}'`);
  }
  if (Date.parse(cause.createdAt) > Date.parse(change.createdAt)) {
    return issue(
      `${LABEL} must name a change raised before the emergency; '${causedBy}' was raised after it`,
    );
  }
  return undefined;
}
