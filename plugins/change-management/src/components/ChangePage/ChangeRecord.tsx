import { ReactNode } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import {
  ANSWER_LABELS,
  Change,
  ChangeSignature,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStateChip } from '../ChangeStateChip';
import { formatTime } from '../format';
import { RefLink } from '../RefLink';

const NONE = '—';

const yesNo = (value?: keyof typeof ANSWER_LABELS) =>
  value && ANSWER_LABELS[value];

const signature = (s?: ChangeSignature) =>
  s && (
    <>
      <RefLink entityRef={s.by} />
      {`, ${formatTime(s.at)}`}
    </>
  );

const text = (value?: string) =>
  value ? <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span> : undefined;

const refs = (values: string[]) =>
  values.length
    ? values.map((ref, i) => (
        <span key={ref}>
          {i > 0 && ', '}
          <RefLink entityRef={ref} />
        </span>
      ))
    : NONE;

const link = (url?: string) =>
  url && /^https?:\/\//.test(url) ? <Link to={url}>{url}</Link> : text(url);

/** A row, left out while its value is `undefined`. */
type Row = [label: string, value: ReactNode];

function emergencyRows(change: Change): Row[] {
  return [
    [
      'Incident',
      change.incident
        ? `${change.incident.ref} (${change.incident.severity})`
        : NONE,
    ],
    ['Proposed fix', text(change.proposedFix) ?? NONE],
  ];
}

function retrospectiveRows(change: Change): Row[] {
  const { retrospective: retro, postDeploymentReview: review } = change;
  return [
    [
      'Retrospective due',
      change.retrospectiveDueAt && formatTime(change.retrospectiveDueAt),
    ],
    [
      'Retrospective done',
      retro && (
        <>
          {signature(retro)}
          {retro.late ? ' (late)' : ' (on time)'}
        </>
      ),
    ],
    ['What changed', text(retro?.whatChanged)],
    ['Why', text(retro?.why)],
    ['Approval received', text(retro?.approvalReceived)],
    ['Post-deployment review', signature(review)],
    ['Could it have been prevented?', yesNo(review?.preventable)],
    ['Review notes', text(review?.notes)],
  ];
}

/**
 * The SOP's change log for one change: what it is, then each step as the
 * change reaches it. Steps not reached yet, and those its type skips, are
 * left out rather than shown empty.
 */
export const ChangeRecord = ({ change }: { change: Change }) => {
  const emergency = change.type === 'emergency';
  const deployed = change.deployed;
  const rows: Row[] = [
    ['State', <ChangeStateChip state={change.state} />],
    ['Type', TYPE_LABELS[change.type]],
    ['Title', change.title],
    ['Date raised', formatTime(change.createdAt)],
    ['Raised by', <RefLink entityRef={change.createdBy} />],
    ['Description (what and why)', text(change.description) ?? NONE],
    ['Risks and side effects', text(change.risks) ?? NONE],
    ['Tested locally', text(change.testingNotes) ?? NONE],
    ...(emergency
      ? emergencyRows(change)
      : ([['Pull request', link(change.pullRequestUrl) ?? NONE]] as Row[])),
    ['Systems affected', refs(change.affectedSystemRefs)],
    ['Affected entities', refs(change.affectedEntityRefs)],
    ['Reviewed by', signature(change.reviewed)],
    ['CTO approval', signature(change.approved)],
    ['Staging tested', yesNo(change.stagingTested)],
    ['Production sign-off', signature(change.signedOff)],
    ['Deployed to production', signature(deployed)],
    ['Deployment reference', link(deployed?.deploymentRef)],
    ['Post-deployment verified', yesNo(change.postDeploymentVerified)],
    ['Verified by', signature(change.verified)],
    [
      'Issues encountered',
      change.verified ? text(change.issuesEncountered) ?? 'None' : undefined,
    ],
    ...(emergency ? retrospectiveRows(change) : []),
  ];

  return (
    <InfoCard title="Change record" noPadding>
      <Table size="small" aria-label="Change record">
        <TableBody>
          {rows
            .filter(([, value]) => value !== undefined)
            .map(([label, value]) => (
              <TableRow key={label}>
                <TableCell
                  component="th"
                  scope="row"
                  style={{ width: '35%', verticalAlign: 'top' }}
                >
                  {label}
                </TableCell>
                <TableCell style={{ overflowWrap: 'anywhere' }}>
                  {value}
                </TableCell>
              </TableRow>
            ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
