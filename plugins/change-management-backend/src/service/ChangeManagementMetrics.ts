import { isError } from '@backstage/errors';
import {
  BatchObservableResult,
  Counter,
  Histogram,
  Meter,
  metrics,
  ObservableGauge,
} from '@opentelemetry/api';
import {
  AuditVerification,
  ChangeAction,
  ChangeType,
  GateEnvironment,
  ReminderClock,
  ReminderThreshold,
} from '@trove/backstage-plugin-change-management-common';

/** The instrumentation scope the plugin's metrics are recorded under. */
export const METER_NAME = 'change-management';

/**
 * How a verification ended: the trail is sound, it is not, or the run could
 * not finish (the database went away).
 */
const VERIFICATION_RESULTS = ['ok', 'failed', 'error'] as const;

/** Bucket bounds of the verification's duration, in seconds. */
const VERIFICATION_BUCKETS = [
  0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600,
];

/** What the outbox tells its gauges when they are read (at each scrape). */
export interface OutboxReader {
  /** Rows not yet delivered and not dead. */
  depth(): Promise<number>;
  /** Seconds since the oldest of those rows was written; 0 when none. */
  oldestAgeSeconds(): Promise<number>;
}

/**
 * The statuses Backstage's error handler gives the errors of
 * `@backstage/errors` by name; an error with a numeric `statusCode` (as
 * errors.ts's refusals) is answered with that status.
 */
const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
};

/** A request the plugin answered with a 4xx: refused, not failed. */
function isRefusal(error: unknown): error is Error {
  if (!isError(error)) return false;
  const { statusCode } = error as { statusCode?: unknown };
  const status =
    typeof statusCode === 'number' ? statusCode : STATUS_BY_NAME[error.name];
  return status >= 400 && status < 500;
}

/**
 * The plugin's own OpenTelemetry metrics, for ops: every instrument is made
 * here, named `change_management.*` with the units of the semantic
 * conventions, and each place that records calls one method in one line.
 * Without an OpenTelemetry SDK in the process (packages/backend's
 * instrumentation.js sets one up) the meter is a no-op and so is every call.
 * The README's "Metrics" section lists them as Prometheus shows them.
 */
export class ChangeManagementMetrics {
  private readonly actions: Counter;
  private readonly refusals: Counter;
  private readonly gateAnswers: Counter;
  private readonly remindersSent: Counter;
  private readonly verificationRuns: Counter;
  private readonly verificationDuration: Histogram;
  private readonly exportRows: Counter;
  private readonly outboxDepth: ObservableGauge;
  private readonly outboxOldestAge: ObservableGauge;
  private readonly outboxSends: Counter;
  private readonly outboxFailures: Counter;
  private readonly outboxDead: Counter;

  /**
   * From the global meter provider, which must be registered first: the
   * API hands out no-op instruments before that, and they stay no-ops.
   */
  static create(meter: Meter = metrics.getMeter(METER_NAME)) {
    return new ChangeManagementMetrics(meter);
  }

  private constructor(private readonly meter: Meter) {
    this.actions = meter.createCounter('change_management.actions', {
      description: 'Workflow actions accepted and stored, creation included',
      unit: '{action}',
    });
    this.refusals = meter.createCounter('change_management.refusals', {
      description:
        'Requests to create, edit or act on a change refused with a 4xx, by the error name of the answer',
      unit: '{request}',
    });
    this.gateAnswers = meter.createCounter('change_management.gate.answers', {
      description: 'Answers of the deployment gate, allowed or refused',
      unit: '{answer}',
    });
    this.remindersSent = meter.createCounter(
      'change_management.reminders.sent',
      {
        description:
          'Reminders and overdue escalations of the retrospective and verification clocks, sent',
        unit: '{reminder}',
      },
    );
    this.verificationRuns = meter.createCounter(
      'change_management.verification.runs',
      {
        description:
          'Verifications of the audit trail (nightly and on request), by result',
        unit: '{run}',
      },
    );
    // Each result's series starts at 0, so that the first failure is an
    // increase Prometheus sees (a series born at 1 shows none).
    for (const result of VERIFICATION_RESULTS) {
      this.verificationRuns.add(0, { result });
    }
    this.verificationDuration = meter.createHistogram(
      'change_management.verification.duration',
      {
        description: 'How long each verification of the audit trail took',
        unit: 's',
        // From a small trail on request to a million events at night.
        advice: { explicitBucketBoundaries: VERIFICATION_BUCKETS },
      },
    );
    this.exportRows = meter.createCounter('change_management.export.rows', {
      description: 'Rows of the change log exported',
      unit: '{row}',
    });
    this.outboxDepth = meter.createObservableGauge(
      'change_management.outbox.depth',
      {
        description: 'Side effects written to the outbox and not delivered yet',
        unit: '{row}',
      },
    );
    this.outboxOldestAge = meter.createObservableGauge(
      'change_management.outbox.oldest_age',
      {
        description: 'Age of the oldest side effect not delivered yet',
        unit: 's',
      },
    );
    this.outboxSends = meter.createCounter('change_management.outbox.sends', {
      description: 'Side effects delivered from the outbox',
      unit: '{row}',
    });
    this.outboxFailures = meter.createCounter(
      'change_management.outbox.failures',
      {
        description: 'Delivery attempts that failed',
        unit: '{attempt}',
      },
    );
    this.outboxDead = meter.createCounter('change_management.outbox.dead', {
      description: 'Side effects given up on after the last attempt',
      unit: '{row}',
    });
  }

  /** A workflow action (or the creation of a draft) that was stored. */
  recordAction(action: ChangeAction | 'create', type: ChangeType): void {
    this.actions.add(1, { action, change_type: type });
  }

  /**
   * A mutation that failed, counted if it was refused (a 4xx); a 5xx is a
   * failure of the plugin, for the logs, not a refusal.
   */
  recordRefusal(error: unknown): void {
    if (isRefusal(error)) {
      this.refusals.add(1, { 'error.type': error.name });
    }
  }

  recordGateAnswer(allowed: boolean, environment: GateEnvironment): void {
    this.gateAnswers.add(1, {
      result: allowed ? 'allowed' : 'refused',
      environment,
    });
  }

  recordReminder(clock: ReminderClock, threshold: ReminderThreshold): void {
    this.remindersSent.add(1, { clock, threshold });
  }

  recordExportRows(rows: number): void {
    this.exportRows.add(rows);
  }

  /**
   * Runs a verification and records its duration with its result: `ok`,
   * `failed` (the trail is not sound) or `error` (it could not finish).
   */
  async timeVerification(
    verify: () => Promise<AuditVerification>,
  ): Promise<AuditVerification> {
    const started = performance.now();
    const record = (result: (typeof VERIFICATION_RESULTS)[number]) => {
      const seconds = (performance.now() - started) / 1000;
      this.verificationRuns.add(1, { result });
      this.verificationDuration.record(seconds, { result });
    };
    try {
      const verification = await verify();
      record(verification.ok ? 'ok' : 'failed');
      return verification;
    } catch (error) {
      record('error');
      throw error;
    }
  }

  /**
   * Reads the outbox's depth and the age of its oldest row at each
   * collection (one scrape, one read). Every replica reads the same table:
   * aggregate with `max`, not `sum`. Returns the way to stop, for shutdown.
   */
  observeOutbox(reader: OutboxReader): () => void {
    const observe = async (result: BatchObservableResult) => {
      const [depth, age] = await Promise.all([
        reader.depth(),
        reader.oldestAgeSeconds(),
      ]);
      result.observe(this.outboxDepth, depth);
      result.observe(this.outboxOldestAge, age);
    };
    const gauges = [this.outboxDepth, this.outboxOldestAge];
    this.meter.addBatchObservableCallback(observe, gauges);
    return () => this.meter.removeBatchObservableCallback(observe, gauges);
  }

  /** A side effect delivered; `kind` says which (e.g. `notification`). */
  recordOutboxSend(kind: string): void {
    this.outboxSends.add(1, { kind });
  }

  /** A delivery attempt that failed (the last one is also counted dead). */
  recordOutboxFailure(kind: string): void {
    this.outboxFailures.add(1, { kind });
  }

  /** A side effect marked dead after its last attempt. */
  recordOutboxDead(kind: string): void {
    this.outboxDead.add(1, { kind });
  }
}
