import { NotAllowedError } from '@backstage/errors';
import {
  causedByIssue,
  Change,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStore } from '../database/ChangeStore';
import { inputError } from '../errors';
import { Caller, ChangeAccessService } from './ChangeAccessService';

/**
 * Refuses an emergency's "caused by" that the judge (-common
 * workflow/causedBy.ts) does not accept, with a 400 naming `causedBy`. A
 * change the caller may not read is as missing: a refusal does not tell
 * that it exists.
 */
export async function checkCausedBy(
  options: { store: ChangeStore; access: ChangeAccessService; actor: Caller },
  change: Pick<Change, 'id' | 'type' | 'createdAt'>,
  causedBy: string | undefined,
): Promise<void> {
  if (causedBy === undefined) {
    return;
  }
  const { store, access, actor } = options;
  const found =
    causedBy === change.id
      ? undefined
      : await store.getChangeAndResource(causedBy);
  const readable =
    found &&
    (await access.authorizeRead(actor, found.resource).then(
      () => true,
      error => {
        if (error instanceof NotAllowedError) return false;
        throw error;
      },
    ));
  const issue = causedByIssue(
    change,
    causedBy,
    readable ? found.change : undefined,
  );
  if (issue) {
    throw inputError(issue.message, [issue]);
  }
}
