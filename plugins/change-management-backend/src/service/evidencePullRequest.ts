import {
  approverLogins,
  ChangeEvidence,
  checkConclusions,
  eventLabel,
  ReaderWords,
} from '@trove/backstage-plugin-change-management-common';
import { escapeHtml } from './escapeHtml';

/**
 * Issue 20: the packet's pull request section, one row per signature that
 * recorded it: what the PR was when that person signed, and what it lacked.
 */
export function pullRequestSection(
  evidence: ChangeEvidence,
  words: ReaderWords,
): string {
  const seen = evidence.pullRequest;
  if (!seen?.length) return '';
  const head = `<tr><th>Action</th><th>State</th><th>Approved by</th><th>Checks</th><th>Head / merge commit</th><th>Warnings</th></tr>`;
  const body = seen
    .map(({ action, by, at, snapshot: pr, warnings }) => {
      const cells = [
        `${eventLabel(action, evidence.change.type)}, ${words.name(
          by,
        )}, ${words.time(at)}`,
        `#${pr.number} ${pr.state}`,
        approverLogins(pr) || 'nobody',
        checkConclusions(pr) || 'none',
        `${pr.headSha.slice(0, 12)} / ${pr.mergeSha?.slice(0, 12) ?? '—'}`,
        warnings.map(w => w.message).join('; ') || '—',
      ];
      return `<tr>${cells.map(c => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const { snapshot } = seen[seen.length - 1];
  return `<h2>Pull request</h2>
<p>${escapeHtml(snapshot.repository)}#${escapeHtml(
    snapshot.number,
  )}: ${escapeHtml(snapshot.title)}, by ${escapeHtml(
    snapshot.author,
  )} (${escapeHtml(snapshot.url)})</p>
<table class="events">${head}${body}</table>`;
}
