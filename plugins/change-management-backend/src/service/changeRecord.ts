import {
  ActionOutcome,
  ChangeException,
  changeDraftSchema,
} from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';
import { StoredChange } from '../database/ChangeStore';

type Draft = Omit<z.infer<typeof changeDraftSchema>, 'affectedEntityRefs'>;

/**
 * How a change's row follows from its events: a new draft, then one step per
 * accepted action. The service stores these; chain verification replays the
 * events through them and compares the rows.
 */

/** A change as raised: a draft at version 1, by its author. */
export function newDraft(options: {
  id: string;
  draft: Draft;
  by: string;
  at: string;
}): StoredChange {
  const { id, draft, by, at } = options;
  return {
    ...draft,
    id,
    state: 'draft',
    version: 1,
    affectedEntityRefs: [],
    affectedSystemRefs: [],
    createdBy: by,
    createdAt: at,
    updatedAt: at,
    exceptions: [],
  };
}

/** The change after an accepted action, at its next version. */
export function afterAction(
  change: StoredChange,
  outcome: Pick<ActionOutcome, 'patch' | 'to'>,
  exceptions: ChangeException[],
  at: string,
): StoredChange {
  return {
    ...change,
    ...outcome.patch,
    state: outcome.to,
    version: change.version + 1,
    updatedAt: at,
    exceptions: [...change.exceptions, ...exceptions],
  };
}
