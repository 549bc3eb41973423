import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the change-management plugin. */
  changeManagement?: {
    /**
     * The sample app's history (issue 21): about 18 months of changes to
     * the sample catalog's Systems, generated through the workflow so the
     * audit trail verifies.
     */
    sampleHistory?: {
      /**
       * When true, the sample backend (packages/backend) seeds the history
       * at start-up, ending at that moment, but only into a change database
       * that holds no change. Defaults to false; for the sample app only.
       */
      enabled?: boolean;
    };
    roles?: {
      /**
       * User or group entity refs that hold the CTO role of the SOP. A user
       * holds it when their ownership refs (themselves and their groups)
       * include one of these, for example `group:default/cto`. How many
       * users hold it (the users named, and the direct members of the
       * groups named, in the catalog) decides whether a holder may
       * peer-review: only while another holder could approve.
       */
      cto?: string[];
      /**
       * Who counts as an engineer for the steps any engineer may take: peer
       * review, record staging, deploy, verify and roll back. By default
       * every signed-in user.
       */
      engineers?: {
        /**
         * User or group refs that are not engineers, for example
         * `group:default/ops`: their members may read and raise changes but
         * not take those steps.
         */
        exclude?: string[];
        /**
         * When true, only members of a group that owns one of the change's
         * affected entities take those steps on it. Defaults to false.
         */
        ownersOnly?: boolean;
      };
      /**
       * User or group refs of the auditors, who may read the audit evidence
       * (`change-management.audit.read`: the sample and the exceptions)
       * under the sample permission policy, beside the CTO role. None by
       * default.
       */
      auditors?: string[];
    };
    /** The deployment freeze: no standard or infrastructure change may deploy. */
    freeze?: {
      /**
       * Yearly windows, each from `start` (inclusive) to `end` (exclusive) as
       * month-day `MM-DD`. A window whose end is before its start spans the
       * new year. Defaults to one window, `10-01` to `01-01`.
       */
      windows?: Array<{
        /** First frozen day, `MM-DD`. */
        start: string;
        /** First day no longer frozen, `MM-DD`. */
        end: string;
      }>;
      /** IANA time zone the windows are read in. Defaults to `UTC`. */
      timeZone?: string;
    };
    /**
     * Whether the CTO may sign for their own change (approve, sign off,
     * waive its review, complete its review) or approve a change they
     * peer-reviewed. Each time is recorded as an exception. Defaults to
     * false.
     */
    allowSelfApproval?: boolean;
    /** Pipelines calling with service principals (external access tokens). */
    ci?: {
      /**
       * Whether a pipeline may record `deploy` and `roll-back`. Every rule
       * still applies, and a pipeline never takes a decision. Defaults to
       * false.
       */
      allowRecording?: boolean;
    };
    /**
     * Backstage notifications sent after each workflow action, to whoever
     * the change now waits on. Every kind is on unless set to false.
     */
    notifications?: {
      /** Tell the owners' members that a change waits on peer review. */
      review?: boolean;
      /** Tell the CTO role that a change waits on approval, sign-off or review. */
      cto?: boolean;
      /** Tell the author of a decision on their change. */
      decision?: boolean;
      /**
       * Tell the owners of entities that depend on a deployed standard or
       * infrastructure change, and the owners of their Systems.
       */
      dependents?: boolean;
      /** Tell the CTO role and the owners when an emergency is deployed. */
      emergency?: boolean;
      /**
       * Remind the author, `reminders.remindBefore` ahead, that a
       * retrospective or a verification is due.
       */
      reminder?: boolean;
      /**
       * At the due time, tell the CTO role (critical) and the author that a
       * retrospective or a verification is overdue. The escalation is
       * recorded on the change either way.
       */
      overdue?: boolean;
      /**
       * When no group that owns an affected entity has a member other than
       * the author, the review notice goes to every engineer who can review,
       * at most this many: the other members of the author's own groups
       * first, then the catalog's other users by name. Defaults to 10.
       */
      reviewerCap?: number;
    };
    /**
     * The clock that chases what the SOP puts a deadline on: an emergency's
     * retrospective (48 h after its deploy) and the verification of a
     * deployed change of any type. A scheduled task, run once
     * across all replicas, reminds the author before each deadline and
     * escalates to the CTO role at it, each once per change, and records
     * both on the change's audit trail. Durations are strings such as
     * `'5m'` or `'PT12H'`, or objects such as `{ hours: 12 }`.
     */
    permissions?: {
      /**
       * How long a user's decisions from the permission policy (its answers
       * on reading changes and on each action, with their conditions) are
       * reused by their next reads (the lists, a change, its events), so
       * that a page's few reads ask the policy once. A read uses them for
       * whether the user may read and which actions a change offers them;
       * every action asks the policy anew. A revoked permission takes up to
       * this long to disappear from what is read and offered. Defaults to 5
       * seconds, at most a minute; `'0s'` asks on every request.
       */
      readDecisionTtl?: string | HumanDuration;
    };
    reminders?: {
      /** How often the task runs. Defaults to every 5 minutes. */
      frequency?: string | HumanDuration;
      /**
       * How long after start-up the task first runs, so that a starting
       * backend is not busy with it. Defaults to 1 minute.
       */
      initialDelay?: string | HumanDuration;
      /** How long before a deadline the author is reminded. Defaults to 12 hours. */
      remindBefore?: string | HumanDuration;
      /**
       * How long after its deploy a change (of any type, emergencies too)
       * may stay unverified before it is overdue. Defaults to 24 hours.
       */
      verificationDueAfter?: string | HumanDuration;
    };
    /**
     * The hours in which changes are planned: a planned window outside
     * them is warned of on the raise and edit forms, never refused. Unset
     * by default, and then no window is warned of. Set, each key left out
     * takes the default shown.
     */
    workingHours?: {
      /** IANA time zone the hours are read in. Defaults to `UTC`. */
      timeZone?: string;
      /**
       * Working days as ISO weekdays, 1 (Monday) to 7 (Sunday). Defaults
       * to `[1, 2, 3, 4, 5]`.
       */
      days?: number[];
      /** Start of the working day, `HH:mm`. Defaults to `09:00`. */
      start?: string;
      /** End of the working day, `HH:mm`, after the start. Defaults to `17:00`. */
      end?: string;
    };
    /**
     * The risk assessment of a change (issue 24): assessed when a change
     * is raised, edited and submitted, stored with it and shown as stored.
     * Each key left out takes the default shown; see the README.
     */
    risk?: {
      /** Whether changes are assessed at all. Defaults to true. */
      enabled?: boolean;
      /**
       * How many `dependencyOf` hops the blast radius follows from the
       * affected entities. Defaults to 3.
       */
      depth?: number;
      /**
       * At most this many catalog reads (one batched read per hop) per
       * assessment. Defaults to 10.
       */
      maxCatalogReads?: number;
      /**
       * The annotation whose value `high` or `critical` marks an entity
       * critical. Defaults to `trove.io/criticality`.
       */
      criticalityAnnotation?: string;
      /**
       * A planned window ending this many days or fewer before a freeze
       * counts as near it. Defaults to 7.
       */
      nearFreezeDays?: number;
      /** The score from which a change is medium (10) and high (25) risk. */
      thresholds?: {
        /** Defaults to 10. */
        medium?: number;
        /** Defaults to 25; not below `medium`. */
        high?: number;
      };
      /** The points of each factor. */
      weights?: {
        /** Per entity depending on the affected ones. Defaults to 1. */
        perDependent?: number;
        /** The most dependents counted. Defaults to 15. */
        dependentsMax?: number;
        /** Per System the dependents span beyond the first. Defaults to 2. */
        perExtraSystem?: number;
        /** Per owning group the dependents span beyond the first. Defaults to 2. */
        perExtraTeam?: number;
        /** Per affected or dependent entity marked critical. Defaults to 5. */
        critical?: number;
        /** Per affected entity in the `production` lifecycle. Defaults to 2. */
        production?: number;
        /** Per failed change of the affected entities in 90 days. Defaults to 3. */
        perFailure?: number;
        /** When their change success score over 90 days is negative. Defaults to 3. */
        negativeScore?: number;
        /** Per open change colliding with the planned window. Defaults to 2. */
        perConflict?: number;
        /** Planned in the freeze or a blackout. Defaults to 10. */
        inFreeze?: number;
        /** Planned within `nearFreezeDays` before the freeze. Defaults to 4. */
        nearFreeze?: number;
        /** Planned outside the working hours. Defaults to 3. */
        outsideWorkingHours?: number;
        /** An emergency change. Defaults to 8. */
        emergency?: number;
        /** An infrastructure change. Defaults to 5. */
        infrastructure?: number;
      };
      /**
       * Risk-based policies: what a high-risk standard or infrastructure
       * change must meet beyond the SOP, enforced by the workflow. Each is
       * off by default, and then the SOP holds unchanged. Emergencies are
       * exempt. See docs/workflow.md, "Risk-based policies".
       */
      policies?: {
        highRisk?: {
          /**
           * Two peer reviews, by two different engineers, neither the
           * author, before CTO approval. Defaults to false.
           */
          twoPeerReviews?: boolean;
          /**
           * A planned window (start and end) before it may be submitted.
           * Defaults to false.
           */
          requirePlannedWindow?: boolean;
          /**
           * No production deploy outside `changeManagement.workingHours`,
           * which must then be set. Defaults to false.
           */
          noDeployOutsideWorkingHours?: boolean;
        };
      };
    };
    /**
     * One-off blackouts of a System or Domain, beyond the yearly freeze: no
     * standard or infrastructure change to it or its parts may deploy to
     * production then. Emergencies may, and the override is recorded.
     */
    blackouts?: Array<{
      /** The System or Domain, e.g. `system:default/payments`. */
      entityRef: string;
      /** ISO date-time, inclusive. */
      start: string;
      /** ISO date-time, exclusive. */
      end: string;
      /** Why, shown to whoever is refused. */
      reason: string;
    }>;
    /**
     * The outbox: every side effect of an action (its notifications) is
     * written in the action's transaction and delivered after the commit
     * by a loop on every replica, at least once, retried with backoff (1 s,
     * doubling, at most 5 minutes).
     */
    outbox?: {
      /**
       * Attempts at delivering a row before it is marked dead, with its
       * last error, and logged as an error. Defaults to 10 (about 8
       * minutes of retries).
       */
      maxAttempts?: number;
      /**
       * For fault tests only (`yarn test:scale`): how long each attempt is
       * held back, to keep the window between the commit and the send
       * open. Leave unset in a deployment. Defaults to 0.
       */
      deliveryDelay?: string | HumanDuration;
      /**
       * How long a delivered row is kept, e.g. to see what was sent, before
       * the delivery loop deletes it (rows given up on are kept). A failed
       * verification is notified once while its row is kept, then again.
       * Defaults to 7 days.
       */
      retention?: string | HumanDuration;
    };
    /** Issue 21: the delivery metrics of `GET /metrics`. */
    metrics?: {
      /**
       * The points of the change success score, in the spirit of
       * ServiceNow's: each change deployed in the period scores by its
       * outcome, and loses more when an emergency names it as the cause of
       * its incident (`causedBy`). Each defaults as shown; see the README.
       */
      scoreWeights?: {
        /** Verified "Yes" with no issues encountered. Defaults to 3. */
        verifiedWithoutIssues?: number;
        /** Verified "Yes" with issues encountered. Defaults to -2. */
        verifiedWithIssues?: number;
        /** Rolled back, or verified "No". Defaults to -5. */
        failed?: number;
        /** Named as the cause by an emergency of a P1 incident. Defaults to -10. */
        causedP1Emergency?: number;
        /**
         * Named as the cause by an emergency of a P2 incident (and none of
         * P1). Defaults to -5.
         */
        causedP2Emergency?: number;
      };
      /**
       * When the changes that writes marked are judged again for the
       * metrics' rollups, on one replica (a read judges what is left
       * first, so the figures are exact either way). A scheduler task
       * schedule; defaults to every minute, e.g.
       * `{ frequency: { minutes: 1 }, timeout: { hours: 1 } }`.
       */
      rollupSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** Evidence for auditors. */
    audit?: {
      /**
       * When the audit trail is verified and its head recorded as a
       * checkpoint; a failure notifies the CTO role. A scheduler task
       * schedule, e.g. `{ frequency: { cron: '0 2 * * *' }, timeout: { hours: 2 } }`.
       * Defaults to nightly at 02:00 UTC.
       */
      verifySchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * An event the audit trail must hold, kept outside the database so
       * that whoever can rewrite the database (its checkpoints too) cannot
       * rewrite it: the `head` that `GET /audit/verify` or a checkpoint
       * reports. Verification fails when the chain lacks this event with
       * this hash, or is empty. Move it forward as checkpoints are taken.
       */
      expectedHead?: {
        /** The event's id. */
        eventId: string;
        /** The event's hash: 64 lowercase hex digits. */
        hash: string;
      };
      /**
       * An Ed25519 private key in PEM (`openssl genpkey -algorithm ed25519`)
       * that signs each checkpoint as it is taken. Give its public key to
       * the auditors: a checkpoint rewritten in the database no longer
       * verifies, with openssl (README) or `GET /audit/verify`. Unset, the
       * checkpoints are not signed.
       * @visibility secret
       */
      signingKey?: string;
    };
  };
}
