import { InputIssue } from '../errors';
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
 * incident and proposed fix for an emergency), one issue per field, by the
 * field's path in the draft. Empty when complete.
 *
 * @public
 */
export function missingForSubmit(draft: Draft): InputIssue[] {
  const issues: InputIssue[] = [];
  const missing = (path: string, what: string) =>
    issues.push({ path, message: `${what} is required to submit` });
  if (blank(draft.title)) missing('title', 'Title');
  if (blank(draft.description)) {
    missing('description', 'Description (what and why)');
  }
  if (blank(draft.risks)) missing('risks', 'Risks / side effects');
  if (blank(draft.testingNotes)) {
    missing('testingNotes', 'How it was tested locally');
  }
  if (draft.affectedEntityRefs.length === 0) {
    missing('affectedEntityRefs', 'At least one affected entity');
  }
  if (draft.type === 'standard' && blank(draft.pullRequestUrl)) {
    missing('pullRequestUrl', 'A pull request URL');
  }
  if (draft.type === 'emergency') {
    if (blank(draft.incident?.ref)) {
      missing('incident.ref', 'An incident reference');
    }
    if (!draft.incident?.severity) {
      missing('incident.severity', 'The incident severity (P1 or P2)');
    }
    if (blank(draft.proposedFix)) missing('proposedFix', 'The proposed fix');
  }
  return issues;
}
