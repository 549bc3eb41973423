import { Change } from '../types';

type Draft = Pick<
  Change,
  | 'type'
  | 'title'
  | 'description'
  | 'risks'
  | 'testingNotes'
  | 'pullRequestUrl'
  | 'incident'
  | 'proposedFix'
  | 'affectedEntityRefs'
>;

const blank = (value?: string) => !value || value.trim().length === 0;

/**
 * What a draft still lacks before it can be submitted (SOP step 1: what and
 * why, risks, local testing; plus the PR for a standard change and the
 * incident and proposed fix for an emergency). Empty when complete.
 *
 * @public
 */
export function missingForSubmit(draft: Draft): string[] {
  const missing: string[] = [];
  if (blank(draft.title)) missing.push('title');
  if (blank(draft.description)) missing.push('description (what and why)');
  if (blank(draft.risks)) missing.push('risks / side effects');
  if (blank(draft.testingNotes)) missing.push('how it was tested locally');
  if (draft.affectedEntityRefs.length === 0) {
    missing.push('at least one affected entity');
  }
  if (draft.type === 'standard' && blank(draft.pullRequestUrl)) {
    missing.push('pull request URL');
  }
  if (draft.type === 'emergency') {
    if (blank(draft.incident?.ref)) missing.push('incident reference');
    if (!draft.incident?.severity) missing.push('incident severity (P1 or P2)');
    if (blank(draft.proposedFix)) missing.push('proposed fix');
  }
  return missing;
}
