import { ActionRequest, failedAnswers } from '../actionSchemas';
import { Refusal } from '../errors';
import { Blackout, describeClosure, productionClosure } from '../blackouts';
import type { Lockdown } from '../lockdowns';
import { FreezeWindow } from '../freeze';
import { Change, ChangeException, ChangeState } from '../types';
import { Actor } from './actor';
import { checkAction } from './checkAction';
import { deployVerdict } from './deployVerdict';
import { missingForSubmit } from './submitChecks';
import { plannedWindowIssues } from './plannedWindow';
import {
  missingPlannedWindow,
  peerReviewsRequired,
  RiskPolicies,
  riskPolicyRefusal,
} from './riskPolicies';
import type { WorkingHours } from './windowWarnings';
import { isRetrospectiveOverdue } from './overdue';
import { RETROSPECTIVE_DUE_MS } from './retrospectiveDue';

/** A refused request: the error name, its message and its fields. @public */
export type RefusedOutcome = { ok: false } & Refusal;

/** What the server knows when it judges an action. @public */
export interface WorkflowContext {
  actor: Actor;
  /** The owners of the change's affected entities, for `actor.engineerOf`. */
  ownerRefs?: (string | undefined)[];
  now: Date;
  allowSelfApproval: boolean;
  /** The freeze window that contains `now`, if any. */
  freeze?: FreezeWindow;
  freezeTimeZone: string;
  /** The blackouts of the change's entities that contain `now`. */
  blackouts?: Blackout[];
  /** The CTO's lockdowns over the change's entities in force at `now`. */
  lockdowns?: Lockdown[];
  /** Issue 24: the risk-based policies (config `changeManagement.risk.policies`); none bind when left out. */
  riskPolicies?: RiskPolicies;
  /** Config `changeManagement.workingHours`, for `noDeployOutsideWorkingHours`. */
  workingHours?: WorkingHours;
}

/** An accepted action: the next state and everything it records. @public */
export interface ActionOutcome {
  ok: true;
  to: ChangeState;
  /** Record fields to set on the change. */
  patch: Partial<Change>;
  /** Exceptions to add to the change's record. */
  exceptions: ChangeException[];
  /** The fields of the event for the audit trail. */
  eventFields: Record<string, unknown>;
  comment?: string;
}

/**
 * What no longer holds once a change goes back to draft: its review,
 * approval and sign-off, and its staging result. The SOP's "staging
 * tested" says the change as it stands was tested in staging; after a
 * failed run it will be edited and tested again, so the record says
 * nothing until then, and the failed run stays in its event.
 */
const CLEARED_ON_REWORK: Partial<Change> = {
  reviewed: undefined,
  secondReviewed: undefined,
  approved: undefined,
  signedOff: undefined,
  stagingTested: undefined,
};

/**
 * Judges an action request against the SOP and, when it is allowed, says
 * what it records. Pure: the caller persists the outcome.
 *
 * @public
 */
export function applyAction(
  change: Change,
  request: ActionRequest,
  ctx: WorkflowContext,
): ActionOutcome | RefusedOutcome {
  const check = checkAction(change, request.action, ctx.actor, ctx);
  if (!check.ok) {
    return check;
  }
  const by = ctx.actor.userEntityRef;
  const at = ctx.now.toISOString();
  const exceptions: ChangeException[] = [];
  const exception = (kind: ChangeException['kind'], detail: string) =>
    exceptions.push({ kind, actor: by, at, detail });
  if (check.selfApproval) {
    exception(
      'self-approval',
      change.createdBy === by
        ? `The CTO took '${request.action}' on their own change (allowSelfApproval is on)`
        : `The CTO approved a change they peer-reviewed themselves (allowSelfApproval is on)`,
    );
  }

  const { action: _action, version: _version, ...fields } = request;
  const outcome = (
    patch: Partial<Change>,
    extra: Partial<ActionOutcome> = {},
  ): ActionOutcome => ({
    ok: true,
    to: check.transition.to,
    patch,
    exceptions,
    eventFields: fields,
    comment: 'comment' in request ? request.comment : undefined,
    ...extra,
  });

  switch (request.action) {
    case 'edit': {
      const { type, ...draft } = fields as typeof fields & { type?: string };
      if (type !== undefined && type !== change.type) {
        return {
          ok: false,
          name: 'InputError',
          message:
            'The type of a change cannot be changed; cancel it and raise a new one',
          issues: [{ path: 'type', message: `Must stay '${change.type}'` }],
        };
      }
      const windowIssues = plannedWindowIssues(request);
      if (windowIssues.length) {
        return {
          ok: false,
          name: 'InputError',
          message: windowIssues.map(i => i.message).join('; '),
          issues: windowIssues,
        };
      }
      // The whole draft is sent again: a field left out is cleared.
      return outcome({
        pullRequestUrl: undefined,
        incident: undefined,
        proposedFix: undefined,
        plannedStart: undefined,
        plannedEnd: undefined,
        causedBy: undefined,
        ...draft,
      });
    }
    case 'submit': {
      const issues = missingForSubmit(change);
      if (issues.length) {
        return {
          ok: false,
          name: 'InputError',
          message: `Cannot submit yet; missing: ${issues
            .map(i => i.path)
            .join(', ')}`,
          issues,
        };
      }
      const noWindow = missingPlannedWindow(change, ctx.riskPolicies);
      if (noWindow) {
        return riskPolicyRefusal(
          'requirePlannedWindow',
          change.risk?.level,
          noWindow,
        );
      }
      return outcome({});
    }
    case 'review':
      // A first review on record while in review is the first of two
      // (checkAction keeps its reviewer from giving the second).
      if (change.reviewed) {
        return outcome({ secondReviewed: { by, at } });
      }
      if (peerReviewsRequired(change, ctx.riskPolicies) === 2) {
        // The event says so, and the replay reads it from there.
        return outcome(
          { reviewed: { by, at } },
          {
            to: change.state,
            eventFields: { ...fields, peerReviewsRequired: 2 },
          },
        );
      }
      return outcome({ reviewed: { by, at } });
    case 'request-changes':
      return outcome(CLEARED_ON_REWORK);
    case 'return-to-review':
      return outcome({ reviewed: undefined, secondReviewed: undefined });
    case 'waive-review':
      exception('waived-review', request.reason);
      return outcome({}, { comment: request.reason });
    case 'approve':
      return outcome({ approved: { by, at } });
    case 'reject':
      return outcome({});
    case 'record-staging': {
      // The checks as the form names them, in lower case on the record:
      // "Staging failed: regression checks".
      const failed = failedAnswers(request).map(label => label.toLowerCase());
      if (failed.length) {
        // Any failed check sends the change back to draft, reason recorded.
        return outcome(CLEARED_ON_REWORK, {
          to: 'draft',
          eventFields: { ...fields, failedChecks: failed },
        });
      }
      return outcome({ stagingTested: request.stagingTested });
    }
    case 'sign-off':
      return outcome({ signedOff: { by, at } });
    case 'deploy': {
      // The one verdict the gate and the change page read, too.
      const verdict = deployVerdict(
        change,
        'production',
        productionClosure(ctx),
        {
          policies: ctx.riskPolicies,
          workingHours: ctx.workingHours,
          now: ctx.now,
        },
      );
      if (!verdict.allowed && verdict.heldByPolicy) {
        return riskPolicyRefusal(
          verdict.heldByPolicy,
          change.risk?.level,
          verdict.reasons[0],
        );
      }
      if (!verdict.allowed) {
        // checkAction has opened the deploy step, so what holds it back is
        // the freeze or a blackout, which the verdict names.
        const window = verdict.heldBy!;
        return {
          ok: false,
          name: 'FreezeError',
          message: `Production deploys of ${
            change.type
          } changes are ${describeClosure(
            window,
          )}; only emergency changes may deploy`,
          window,
        };
      }
      const patch: Partial<Change> = {
        deployed: { by, at, deploymentRef: request.deploymentRef },
      };
      if (change.type === 'emergency') {
        patch.retrospectiveDueAt = new Date(
          ctx.now.getTime() + RETROSPECTIVE_DUE_MS,
        ).toISOString();
      }
      if (!verdict.override) {
        return outcome(patch);
      }
      // The SOP lets an emergency through, on the CTO's approval: recorded.
      exception(
        'freeze-override',
        `Emergency deployed while production was ${describeClosure(
          verdict.override,
        )}, on the CTO approval of ${change.approved?.by} at ${
          change.approved?.at
        }`,
      );
      return outcome(patch, {
        eventFields: {
          ...fields,
          freezeOverride: true,
          freezeWindow: verdict.override,
          approvalReliedOn: change.approved,
        },
      });
    }
    case 'verify':
      return outcome({
        postDeploymentVerified: request.postDeploymentVerified,
        issuesEncountered: request.issuesEncountered,
        verified: { by, at },
      });
    case 'roll-back':
      return outcome({}, { comment: request.reason });
    case 'document-retrospective': {
      // Late exactly when the change shows as overdue: from the due time on.
      const late = isRetrospectiveOverdue(change, ctx.now);
      if (late) {
        exception(
          'late-retrospective',
          `Documented after the due time ${change.retrospectiveDueAt}`,
        );
      }
      return outcome({
        retrospective: {
          by,
          at,
          whatChanged: request.whatChanged,
          why: request.why,
          approvalReceived: request.approvalReceived,
          late,
        },
      });
    }
    case 'complete-review':
      return outcome({
        postDeploymentReview: {
          by,
          at,
          preventable: request.preventable,
          notes: request.notes,
        },
      });
    case 'cancel':
      return outcome({}, { comment: request.reason });
    default:
      return {
        ok: false,
        name: 'InputError',
        message: 'Unknown action',
        issues: [{ path: 'action', message: 'Unknown action' }],
      };
  }
}
