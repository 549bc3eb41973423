import {
  ChangeEvidence,
  ChangeSignature,
  eventLabel,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML: titles and comments are free text from engineers. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, c => ENTITIES[c]);
}

const signed = (s?: ChangeSignature, extra = '') =>
  s ? `${escapeHtml(s.by)}, ${escapeHtml(s.at)}${extra}` : '—';
const own = (s?: { isAuthor: boolean }) =>
  s?.isAuthor ? ' <strong>(the author)</strong>' : '';

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

/**
 * One change's evidence as a page to print: self-contained (no script, no
 * link), every value escaped, laid out for one A4 sheet.
 */
export function evidenceHtml(evidence: ChangeEvidence): string {
  const { change, duties, staging, deploy, verification, retrospective } =
    evidence;
  const retro = retrospective
    ? rows([
        ['Incident', escapeHtml(change.incident?.ref)],
        ['Due', escapeHtml(retrospective.dueAt)],
        [
          'Documented',
          signed(retrospective.documented, retrospective.late ? ' (late)' : ''),
        ],
        ['Hours after deploy', escapeHtml(retrospective.hoursAfterDeploy)],
        ['What changed', escapeHtml(retrospective.whatChanged)],
        ['Why', escapeHtml(retrospective.why)],
        ['Approval received', escapeHtml(retrospective.approvalReceived)],
      ])
    : '';
  const events = evidence.events
    .map(
      e =>
        `<tr><td>${escapeHtml(e.at)}</td><td>${escapeHtml(
          eventLabel(e.action, change.type),
        )}</td><td>${escapeHtml(e.actor)}</td><td class="hash">${escapeHtml(
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
  ['Affected', escapeHtml(change.affectedEntityRefs.join(', '))],
])}
<h2>Separation of duties</h2>
${rows([
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
])}
<h2>Staging, deploy and verification</h2>
${rows([
  ['Staging tested', escapeHtml(staging.tested || '—')],
  ['Staging recorded', signed(staging.recorded)],
  ['Deployed', signed(deploy)],
  ['Deployment ref', escapeHtml(deploy?.deploymentRef ?? '—')],
  [
    'Verified',
    `${escapeHtml(verification.result || 'never')}, ${signed(
      verification.verified,
    )}`,
  ],
  ['Issues encountered', escapeHtml(verification.issuesEncountered || '—')],
])}
${retro ? `<h2>Retrospective (emergency)</h2>${retro}` : ''}
<h2>Audit trail</h2>
<table class="events">${events}</table>
</body></html>
`;
}
