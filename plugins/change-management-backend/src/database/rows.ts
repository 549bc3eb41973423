import {
  ChangeEvent,
  ChangeException,
  IncidentSeverity,
} from '@trove/backstage-plugin-change-management-common';
import { StoredChange } from './ChangeStore';
import { toDate, toIso } from './timestamps';

/** A row of the `changes` table. */
export type ChangeRow = {
  id: string;
  type: string;
  state: string;
  version: number;
  title: string;
  description: string;
  risks: string;
  testing_notes: string;
  pull_request_url: string | null;
  incident_ref: string | null;
  incident_severity: string | null;
  proposed_fix: string | null;
  created_by: string;
  created_at: unknown;
  updated_at: unknown;
  reviewed_by: string | null;
  reviewed_at: unknown;
  approved_by: string | null;
  approved_at: unknown;
  signed_off_by: string | null;
  signed_off_at: unknown;
  staging_tested: string | null;
  deployed_by: string | null;
  deployed_at: unknown;
  deployment_ref: string | null;
  post_deployment_verified: string | null;
  verified_by: string | null;
  verified_at: unknown;
  issues_encountered: string | null;
  retrospective_due_at: unknown;
  retrospective_by: string | null;
  retrospective_at: unknown;
  retrospective_what_changed: string | null;
  retrospective_why: string | null;
  retrospective_approval_received: string | null;
  retrospective_late: boolean | number | null;
  review_by: string | null;
  review_at: unknown;
  review_preventable: string | null;
  review_notes: string | null;
  exceptions: string;
};

function signature(by: string | null, at: unknown) {
  return by ? { by, at: toIso(at) } : undefined;
}

/** Builds a change from its row and its affected entities. */
export function rowToChange(
  row: ChangeRow,
  entities: { entity_ref: string; system_ref: string | null }[],
): StoredChange {
  const deployed = signature(row.deployed_by, row.deployed_at);
  const retrospective = signature(row.retrospective_by, row.retrospective_at);
  const review = signature(row.review_by, row.review_at);
  return {
    id: row.id,
    type: row.type as StoredChange['type'],
    state: row.state as StoredChange['state'],
    version: Number(row.version),
    title: row.title,
    description: row.description,
    risks: row.risks,
    testingNotes: row.testing_notes,
    pullRequestUrl: row.pull_request_url ?? undefined,
    incident: row.incident_ref
      ? {
          ref: row.incident_ref,
          severity: row.incident_severity as IncidentSeverity,
        }
      : undefined,
    proposedFix: row.proposed_fix ?? undefined,
    affectedEntityRefs: entities.map(e => e.entity_ref).sort(),
    affectedSystemRefs: [
      ...new Set(entities.flatMap(e => (e.system_ref ? [e.system_ref] : []))),
    ].sort(),
    createdBy: row.created_by,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    reviewed: signature(row.reviewed_by, row.reviewed_at),
    approved: signature(row.approved_by, row.approved_at),
    signedOff: signature(row.signed_off_by, row.signed_off_at),
    stagingTested: (row.staging_tested ??
      undefined) as StoredChange['stagingTested'],
    deployed: deployed && {
      ...deployed,
      deploymentRef: row.deployment_ref ?? undefined,
    },
    postDeploymentVerified: (row.post_deployment_verified ??
      undefined) as StoredChange['postDeploymentVerified'],
    verified: signature(row.verified_by, row.verified_at),
    issuesEncountered: row.issues_encountered ?? undefined,
    retrospectiveDueAt: toIso(row.retrospective_due_at),
    retrospective: retrospective && {
      ...retrospective,
      whatChanged: row.retrospective_what_changed ?? '',
      why: row.retrospective_why ?? '',
      approvalReceived: row.retrospective_approval_received ?? '',
      late: Boolean(row.retrospective_late),
    },
    postDeploymentReview: review && {
      ...review,
      preventable: row.review_preventable as 'yes' | 'no',
      notes: row.review_notes ?? '',
    },
    exceptions: JSON.parse(row.exceptions) as ChangeException[],
  };
}

/** The row for a change; dates become Date objects for the driver. */
export function changeToRow(change: StoredChange): Record<string, unknown> {
  return {
    id: change.id,
    type: change.type,
    state: change.state,
    version: change.version,
    title: change.title,
    description: change.description,
    risks: change.risks,
    testing_notes: change.testingNotes,
    pull_request_url: change.pullRequestUrl ?? null,
    incident_ref: change.incident?.ref ?? null,
    incident_severity: change.incident?.severity ?? null,
    proposed_fix: change.proposedFix ?? null,
    created_by: change.createdBy,
    created_at: toDate(change.createdAt),
    updated_at: toDate(change.updatedAt),
    reviewed_by: change.reviewed?.by ?? null,
    reviewed_at: toDate(change.reviewed?.at),
    approved_by: change.approved?.by ?? null,
    approved_at: toDate(change.approved?.at),
    signed_off_by: change.signedOff?.by ?? null,
    signed_off_at: toDate(change.signedOff?.at),
    staging_tested: change.stagingTested ?? null,
    deployed_by: change.deployed?.by ?? null,
    deployed_at: toDate(change.deployed?.at),
    deployment_ref: change.deployed?.deploymentRef ?? null,
    post_deployment_verified: change.postDeploymentVerified ?? null,
    verified_by: change.verified?.by ?? null,
    verified_at: toDate(change.verified?.at),
    issues_encountered: change.issuesEncountered ?? null,
    retrospective_due_at: toDate(change.retrospectiveDueAt),
    retrospective_by: change.retrospective?.by ?? null,
    retrospective_at: toDate(change.retrospective?.at),
    retrospective_what_changed: change.retrospective?.whatChanged ?? null,
    retrospective_why: change.retrospective?.why ?? null,
    retrospective_approval_received:
      change.retrospective?.approvalReceived ?? null,
    retrospective_late: change.retrospective?.late ?? null,
    review_by: change.postDeploymentReview?.by ?? null,
    review_at: toDate(change.postDeploymentReview?.at),
    review_preventable: change.postDeploymentReview?.preventable ?? null,
    review_notes: change.postDeploymentReview?.notes ?? null,
    exceptions: JSON.stringify(change.exceptions),
  };
}

/** Builds an event from its row in `change_events`. */
export function rowToEvent(row: Record<string, any>): ChangeEvent {
  return {
    id: row.id,
    seq: Number(row.seq),
    changeId: row.change_id,
    action: row.action,
    fromState: row.from_state ?? undefined,
    toState: row.to_state,
    actor: row.actor,
    at: toIso(row.created_at),
    comment: row.comment ?? undefined,
    fields: JSON.parse(row.fields),
    previousHash: row.previous_hash,
    hash: row.hash,
  };
}
