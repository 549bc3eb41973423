import { ReactNode } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import {
  Change,
  ChangeSignature,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeStateChip } from '../ChangeStateChip';
import { formatTime } from '../format';
import { RefLink } from './RefLink';

const NONE = '—';

const yesNo = (value?: string) => {
  if (value === 'yes') return 'Yes';
  if (value === 'no') return 'No';
  if (value === 'n/a') return 'N/A';
  return NONE;
};

const signature = (s?: ChangeSignature) =>
  s ? (
    <>
      <RefLink entityRef={s.by} />
      {`, ${formatTime(s.at)}`}
    </>
  ) : (
    NONE
  );

const text = (value?: string) =>
  value ? <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span> : NONE;

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

type Row = [label: string, value: ReactNode];

function emergencyRows(change: Change): Row[] {
  const { retrospective: retro, postDeploymentReview: review } = change;
  let due: string = formatTime(change.retrospectiveDueAt);
  if (change.overdue) due += ' (overdue)';
  let retroDone: ReactNode = NONE;
  if (retro) {
    retroDone = (
      <>
        {signature(retro)}
        {retro.late ? ' (late)' : ' (on time)'}
      </>
    );
  }
  return [
    ['Retrospective due', due],
    ['Retrospective done', retroDone],
    ['What changed', text(retro?.whatChanged)],
    ['Why', text(retro?.why)],
    ['Approval received', text(retro?.approvalReceived)],
    ['Post-deployment review', signature(review)],
    ['Could it have been prevented?', yesNo(review?.preventable)],
    ['Review notes', text(review?.notes)],
  ];
}

/** Every field of the SOP's change log for one change. */
export const ChangeRecord = ({ change }: { change: Change }) => {
  const emergency = change.type === 'emergency';
  const deployed = change.deployed;
  const rows: Row[] = [
    ['State', <ChangeStateChip state={change.state} />],
    ['Version', String(change.version)],
    ['Date raised', formatTime(change.createdAt)],
    ['Type', change.type],
    ['Title', change.title],
    ['Description (what and why)', text(change.description)],
    ['Risks and side effects', text(change.risks)],
    ['Tested locally', text(change.testingNotes)],
    ...(emergency
      ? ([
          [
            'Incident',
            change.incident
              ? `${change.incident.ref} (${change.incident.severity})`
              : NONE,
          ],
          ['Proposed fix', text(change.proposedFix)],
        ] as Row[])
      : ([['Pull request', link(change.pullRequestUrl)]] as Row[])),
    ['Systems affected', refs(change.affectedSystemRefs)],
    ['Affected entities', refs(change.affectedEntityRefs)],
    ['Raised by', <RefLink entityRef={change.createdBy} />],
    ...(emergency
      ? []
      : ([['Reviewed by', signature(change.reviewed)]] as Row[])),
    ['CTO approval', signature(change.approved)],
    ...(emergency
      ? []
      : ([['Production sign-off', signature(change.signedOff)]] as Row[])),
    [
      'Staging tested',
      emergency && !change.stagingTested ? 'N/A' : yesNo(change.stagingTested),
    ],
    ['Deployed to production', signature(deployed)],
    ['Deployment reference', link(deployed?.deploymentRef)],
    ['Post-deployment verified', yesNo(change.postDeploymentVerified)],
    ['Verified by', signature(change.verified)],
    ['Issues encountered', text(change.issuesEncountered)],
    ...(emergency ? emergencyRows(change) : []),
  ];

  return (
    <InfoCard title="Change record" noPadding>
      <Table size="small" aria-label="Change record">
        <TableBody>
          {rows.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell
                component="th"
                scope="row"
                style={{ width: '35%', verticalAlign: 'top' }}
              >
                {label}
              </TableCell>
              <TableCell>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
