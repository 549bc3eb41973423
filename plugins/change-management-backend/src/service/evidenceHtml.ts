import {
  ANSWER_LABELS,
  ChangeEvidence,
  ChangeRisk,
  ChangeSignature,
  describeClosure,
  describeException,
  eventLabel,
  EXCEPTION_LABELS,
  exceptionFacts,
  ReaderWords,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { escapeHtml } from './escapeHtml';
import { pullRequestSection } from './evidencePullRequest';

const STYLE = `
@page { size: A4; margin: 14mm; }
body { font: 10pt/1.35 system-ui, sans-serif; color: #000; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 2mm; }
h2 { font-size: 11pt; margin: 4mm 0 1mm; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.6mm 1.5mm; }
th { width: 34%; font-weight: 600; }
.events td { font-size: 8pt; border-top: 1px solid #ddd; }
.hash { font-family: monospace; font-size: 7pt; word-break: break-all; }
@media print { h2, tr { break-inside: avoid; } }
`;

const rows = (pairs: [string, string][]) =>
  `<table>${pairs
    .map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`)
    .join('')}</table>`;

const section = (title: string, body: string) =>
  `<h2>${escapeHtml(title)}</h2>\n${body}`;

/** The packet's words: names for refs (the ref kept in a tooltip), times. */
function writer({ name, time }: ReaderWords) {
  const who = (ref: string) =>
    `<span title="${escapeHtml(ref)}">${escapeHtml(name(ref))}</span>`;
  const when = (iso?: string) => (iso ? escapeHtml(time(iso)) : '—');
  const signed = (s?: ChangeSignature, extra = '') =>
    s ? `${who(s.by)}, ${when(s.at)}${extra}` : '—';
  return { who, when, signed };
}

/** The exceptions on the record, each in a sentence; the freeze override in full. */
function exceptionSections(evidence: ChangeEvidence, words: ReaderWords) {
  const { change, events } = evidence;
  const { who, when, signed } = writer(words);
  if (change.exceptions.length === 0) {
    return section(
      'Exceptions',
      '<p>None: the change followed the workflow.</p>',
    );
  }
  const listed = rows(
    change.exceptions.map(e => [
      escapeHtml(EXCEPTION_LABELS[e.kind]),
      `${escapeHtml(
        describeException(
          { ...e, facts: exceptionFacts(e.kind, change, events) },
          words,
        ),
      )} Recorded by ${who(e.actor)}, ${when(e.at)}.`,
    ]),
  );
  const override = change.exceptions.find(e => e.kind === 'freeze-override');
  const { window, approval } = override
    ? exceptionFacts('freeze-override', change, events)
    : {};
  const freeze = override
    ? section(
        'Freeze override (exception)',
        rows([
          ['Production was', escapeHtml(describeClosure(window, words.time))],
          ['Deployed anyway', signed(change.deployed)],
          ['On the CTO approval of', signed(approval)],
        ]),
      )
    : '';
  return `${section('Exceptions', listed)}\n${freeze}`;
}

/**
 * The risk (issue 24): as the CTO saw it when approving, from the approve
 * event, and as last assessed, from the change.
 */
function riskSection(evidence: ChangeEvidence, words: ReaderWords) {
  const { change, events } = evidence;
  const { when } = writer(words);
  const approval = [...events].reverse().find(e => e.action === 'approve');
  const seen = (approval?.fields as { risk?: ChangeRisk } | undefined)?.risk;
  const describe = (risk?: ChangeRisk) =>
    risk
      ? `${escapeHtml(risk.level)} (${risk.score}), assessed ${when(
          risk.assessedAt,
        )}<ul>${risk.reasons
          .map(r => `<li>${escapeHtml(r.message)} (+${r.points})</li>`)
          .join('')}</ul>`
      : '—';
  return section(
    'Risk',
    rows([
      ['As last assessed', describe(change.risk)],
      ['As the CTO saw it when approving', describe(seen)],
    ]),
  );
}

/** An emergency's retrospective, and the CTO's post-deployment review. */
function emergencySections(evidence: ChangeEvidence, words: ReaderWords) {
  const { change, retrospective } = evidence;
  if (!retrospective) return '';
  const { when, signed } = writer(words);
  const review = change.postDeploymentReview;
  return [
    section(
      'Retrospective (emergency)',
      rows([
        ['Incident', escapeHtml(change.incident?.ref)],
        ['Due', when(retrospective.dueAt)],
        [
          'Documented',
          signed(retrospective.documented, retrospective.late ? ' (late)' : ''),
        ],
        ['Hours after deploy', escapeHtml(retrospective.hoursAfterDeploy)],
        ['What changed', escapeHtml(retrospective.whatChanged)],
        ['Why', escapeHtml(retrospective.why)],
        ['Approval received', escapeHtml(retrospective.approvalReceived)],
      ]),
    ),
    section(
      'Post-deployment review (emergency)',
      rows([
        ['Reviewed', review ? signed(review) : 'Not yet'],
        [
          'Could it have been prevented?',
          review ? ANSWER_LABELS[review.preventable] : '—',
        ],
        ['Notes', escapeHtml(review?.notes ?? '—')],
      ]),
    ),
  ].join('\n');
}

/**
 * One change's evidence as a page to print: self-contained (no script, no
 * link), every value escaped, laid out for one A4 sheet, with people's names
 * (their refs in a tooltip) and times in `words`.
 */
export function evidenceHtml(
  evidence: ChangeEvidence,
  words: ReaderWords,
): string {
  const { change, duties, staging, deploy, verification } = evidence;
  const { who, when, signed } = writer(words);
  const own = (s?: { isAuthor: boolean }) =>
    s?.isAuthor ? ' <strong>(the author)</strong>' : '';
  const events = evidence.events
    .map(
      e =>
        `<tr><td>${when(e.at)}</td><td>${escapeHtml(
          eventLabel(e.action, change.type),
        )}</td><td>${who(e.actor)}</td><td class="hash">${escapeHtml(
          e.hash,
        )}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Evidence: ${escapeHtml(change.title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(change.title)}</h1>
${rows([
  ['Change', escapeHtml(change.id)],
  ['Type', escapeHtml(TYPE_LABELS[change.type])],
  ['State', escapeHtml(STATE_LABELS[change.state])],
  ['Raised', signed({ by: change.createdBy, at: change.createdAt })],
  ['Affected', change.affectedEntityRefs.map(who).join(', ')],
])}
${section(
  'Separation of duties',
  rows([
    ['Peer review', signed(duties.reviewed) + own(duties.reviewed)],
    [
      'Review waived',
      duties.reviewWaived
        ? `${signed(duties.reviewWaived)}: ${escapeHtml(
            duties.reviewWaived.reason,
          )}`
        : '—',
    ],
    ['CTO approval', signed(duties.approved) + own(duties.approved)],
    ['Production sign-off', signed(duties.signedOff) + own(duties.signedOff)],
    ['Nobody signed their own change', duties.separated ? 'Yes' : 'No'],
  ]),
)}
${exceptionSections(evidence, words)}
${riskSection(evidence, words)}
${pullRequestSection(evidence, words)}
${section(
  'Staging, deploy and verification',
  rows([
    [
      'Staging tested',
      escapeHtml(
        staging.tested
          ? ANSWER_LABELS[staging.tested as keyof typeof ANSWER_LABELS]
          : '—',
      ),
    ],
    ['Staging recorded', signed(staging.recorded)],
    ['Deployed', signed(deploy)],
    ['Deployment ref', escapeHtml(deploy?.deploymentRef ?? '—')],
    [
      'Verified',
      `${escapeHtml(
        verification.result
          ? ANSWER_LABELS[verification.result as 'yes' | 'no']
          : 'Never',
      )}, ${signed(verification.verified)}`,
    ],
    ['Issues encountered', escapeHtml(verification.issuesEncountered || '—')],
  ]),
)}
${emergencySections(evidence, words)}
${section('Audit trail', `<table class="events">${events}</table>`)}
</body></html>
`;
}
