import {
  Change,
  ChangeLogRow,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';

export type { ChangeLogRow };

/** A display name for a user or entity ref (see DisplayNames). */
export type NameOf = (ref: string) => string;

const signed = (s?: { by: string; at: string }) =>
  s ? `${s.by} at ${s.at}` : '';
const STAGING = { yes: 'Yes', no: 'No', 'n/a': 'N/A' } as const;
const YES_NO = { yes: 'Yes', no: 'No' } as const;
const yesNo = (value: boolean | undefined) => {
  if (value === undefined) return '';
  return value ? 'Yes' : 'No';
};

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

/** Ref, display name and time of a signed step, as the added columns. */
function person(nameOf: NameOf, s?: { by: string; at: string }) {
  return s ? [s.by, nameOf(s.by), s.at] : ['', '', ''];
}

/**
 * The SOP's columns for a change (emergencies add incident and
 * retrospective), then the added ones: each person's ref and name, and each
 * time on its own.
 */
export function toChangeLogRow(change: Change, nameOf: NameOf): ChangeLogRow {
  const approvals = [
    change.approved && `approved by ${signed(change.approved)}`,
    change.signedOff && `production sign-off by ${signed(change.signedOff)}`,
  ].filter(Boolean);
  const affected = [...change.affectedSystemRefs, ...change.affectedEntityRefs];
  const [reviewer, reviewerName, reviewedAt] = person(nameOf, change.reviewed);
  const [approver, approverName, approvedAt] = person(nameOf, change.approved);
  const [signedOffBy, signedOffByName, signedOffAt] = person(
    nameOf,
    change.signedOff,
  );
  const [deployer, deployerName, deployedAt] = person(nameOf, change.deployed);
  const [verifier, verifierName, verifiedAt] = person(nameOf, change.verified);
  const [retrospectiveBy, retrospectiveByName, retrospectiveAt] = person(
    nameOf,
    change.retrospective,
  );
  const emergency = change.type === 'emergency';
  return {
    id: change.id,
    date: change.createdAt,
    changeType: TYPE_LABELS[change.type] as ChangeLogRow['changeType'],
    description: `${change.title}: ${change.description}`,
    systemsAffected: affected.join(' '),
    raisedBy: change.createdBy,
    reviewedBy: signed(change.reviewed),
    ctoApproval: approvals.join('; '),
    stagingTested: stagingTested(change),
    deployedToProduction: signed(change.deployed),
    postDeploymentVerified: change.postDeploymentVerified
      ? YES_NO[change.postDeploymentVerified]
      : '',
    issuesEncountered: change.issuesEncountered ?? '',
    state: change.state,
    incident: change.incident
      ? `${change.incident.ref} (${change.incident.severity})`
      : '',
    retrospective: retrospective(change),
    exceptions: change.exceptions.map(e => `${e.kind}: ${e.detail}`).join('; '),
    raisedByName: nameOf(change.createdBy),
    reviewer,
    reviewerName,
    reviewedAt,
    approver,
    approverName,
    approvedAt,
    signedOffBy,
    signedOffByName,
    signedOffAt,
    deployer,
    deployerName,
    deployedAt,
    deploymentRef: change.deployed?.deploymentRef ?? '',
    verifier,
    verifierName,
    verifiedAt,
    systemsAffectedNames: affected.map(nameOf).join(', '),
    incidentRef: change.incident?.ref ?? '',
    incidentSeverity: change.incident?.severity ?? '',
    retrospectiveDueAt: change.retrospectiveDueAt ?? '',
    retrospectiveAt,
    retrospectiveBy,
    retrospectiveByName,
    retrospectiveLate: yesNo(change.retrospective?.late),
    retrospectiveOverdue: emergency ? yesNo(change.overdue) : '',
  };
}

/** The CSV headers, in column order: the SOP's first, added ones after. */
export const CHANGE_LOG_HEADERS: Record<keyof ChangeLogRow, string> = {
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
  raisedByName: 'Raised by (name)',
  reviewer: 'Reviewer',
  reviewerName: 'Reviewer (name)',
  reviewedAt: 'Reviewed at',
  approver: 'Approver',
  approverName: 'Approver (name)',
  approvedAt: 'Approved at',
  signedOffBy: 'Signed off by',
  signedOffByName: 'Signed off by (name)',
  signedOffAt: 'Signed off at',
  deployer: 'Deployer',
  deployerName: 'Deployer (name)',
  deployedAt: 'Deployed at',
  deploymentRef: 'Deployment ref',
  verifier: 'Verifier',
  verifierName: 'Verifier (name)',
  verifiedAt: 'Verified at',
  systemsAffectedNames: 'Systems affected (names)',
  incidentRef: 'Incident ref',
  incidentSeverity: 'Incident severity',
  retrospectiveDueAt: 'Retrospective due at',
  retrospectiveAt: 'Retrospective at',
  retrospectiveBy: 'Retrospective by',
  retrospectiveByName: 'Retrospective by (name)',
  retrospectiveLate: 'Retrospective late',
  retrospectiveOverdue: 'Retrospective overdue',
};

const CSV_KEYS = Object.keys(CHANGE_LOG_HEADERS) as (keyof ChangeLogRow)[];

/**
 * The change log as a CSV stream, for a person in a spreadsheet: the state
 * in words ("Ready for production"). A cell that starts with =, +, -, @, a
 * tab or a carriage return gets a leading quote, as OWASP advises against
 * CSV injection: titles are free text, and auditors open the file in Excel.
 * One write per batch of rows, each row an array: a write per row, or the
 * writer's lookup of keys by path, would cost more than the rows themselves.
 */
export function toCsvStream(batches: AsyncIterable<ChangeLogRow[]>): Readable {
  return Readable.from(
    (async function* csv() {
      yield stringify([Object.values(CHANGE_LOG_HEADERS)]);
      for await (const rows of batches) {
        yield stringify(
          rows.map(row =>
            CSV_KEYS.map(key =>
              key === 'state' ? STATE_LABELS[row.state] : row[key],
            ),
          ),
          { escape_formulas: true },
        );
      }
    })(),
  );
}

/** The change log as a JSON stream, `{"items":[…]}`, a batch at a time. */
export function toJsonStream(batches: AsyncIterable<ChangeLogRow[]>): Readable {
  return Readable.from(
    (async function* json() {
      yield '{"items":[';
      let first = true;
      for await (const rows of batches) {
        if (rows.length) {
          yield (first ? '' : ',') + rows.map(r => JSON.stringify(r)).join(',');
          first = false;
        }
      }
      yield ']}';
    })(),
  );
}
