import {
  Change,
  ChangeLogRow,
} from '@trove/backstage-plugin-change-management-common';
import { stringify } from 'csv-stringify/sync';

export type { ChangeLogRow };

const TYPE_NAMES = {
  standard: 'Standard',
  emergency: 'Emergency',
  infrastructure: 'Infrastructure',
} as const;

const signed = (s?: { by: string; at: string }) =>
  s ? `${s.by} at ${s.at}` : '';
const STAGING = { yes: 'Yes', no: 'No', 'n/a': 'N/A' } as const;
const VERIFIED = { yes: 'Yes', no: 'No' } as const;

function stagingTested(change: Change): ChangeLogRow['stagingTested'] {
  if (change.stagingTested) {
    return STAGING[change.stagingTested];
  }
  // An emergency skips staging by design: N/A in the SOP's terms.
  return change.type === 'emergency' ? 'N/A' : '';
}

function retrospective(change: Change): string {
  if (change.retrospective) {
    const late = change.retrospective.late ? ' (late)' : '';
    return `documented by ${signed(change.retrospective)}${late}`;
  }
  if (change.retrospectiveDueAt) {
    return `due ${change.retrospectiveDueAt}${
      change.overdue ? ' (overdue)' : ''
    }`;
  }
  return '';
}

/** The SOP's columns for a change; emergencies add incident and retrospective. */
export function toChangeLogRow(change: Change): ChangeLogRow {
  const approvals = [
    change.approved && `approved by ${signed(change.approved)}`,
    change.signedOff && `production sign-off by ${signed(change.signedOff)}`,
  ].filter(Boolean);
  return {
    id: change.id,
    date: change.createdAt,
    changeType: TYPE_NAMES[change.type],
    description: `${change.title}: ${change.description}`,
    systemsAffected: [
      ...change.affectedSystemRefs,
      ...change.affectedEntityRefs,
    ].join(' '),
    raisedBy: change.createdBy,
    reviewedBy: signed(change.reviewed),
    ctoApproval: approvals.join('; '),
    stagingTested: stagingTested(change),
    deployedToProduction: signed(change.deployed),
    postDeploymentVerified: change.postDeploymentVerified
      ? VERIFIED[change.postDeploymentVerified]
      : '',
    issuesEncountered: change.issuesEncountered ?? '',
    state: change.state,
    incident: change.incident
      ? `${change.incident.ref} (${change.incident.severity})`
      : '',
    retrospective: retrospective(change),
    exceptions: change.exceptions.map(e => `${e.kind}: ${e.detail}`).join('; '),
  };
}

const HEADERS: Record<keyof ChangeLogRow, string> = {
  id: 'ID',
  date: 'Date',
  changeType: 'Change type',
  description: 'Description',
  systemsAffected: 'Systems affected',
  raisedBy: 'Raised by',
  reviewedBy: 'Reviewed by',
  ctoApproval: 'CTO approval',
  stagingTested: 'Staging tested',
  deployedToProduction: 'Deployed to production',
  postDeploymentVerified: 'Post-deployment verified',
  issuesEncountered: 'Issues encountered',
  state: 'State',
  incident: 'Incident',
  retrospective: 'Retrospective',
  exceptions: 'Exceptions',
};

export function toCsv(rows: ChangeLogRow[]): string {
  return stringify(rows, {
    header: true,
    columns: Object.entries(HEADERS).map(([key, header]) => ({ key, header })),
  });
}
