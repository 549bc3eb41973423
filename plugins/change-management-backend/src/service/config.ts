import { createPrivateKey, KeyObject } from 'node:crypto';
import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Blackout,
  blackoutSchema,
  DEFAULT_FREEZE_CALENDAR,
  DEFAULT_SCORE_WEIGHTS,
  FreezeCalendar,
  RiskConfig,
  RiskPolicies,
  ScoreWeights,
  validateFreezeCalendar,
  validateWorkingHours,
  WorkingHours,
} from '@trove/backstage-plugin-change-management-common';
import { ExpectedHead } from './expectedHistory';
import { readRiskConfig, readRiskPolicies } from './riskConfig';

/** The plugin's configuration, read and checked once at start-up. */
export interface ChangeManagementConfig {
  /** Normalised user or group refs that hold the CTO role. */
  ctoRefs: string[];
  engineers: {
    /** Normalised refs whose members are not engineers. */
    exclude: string[];
    ownersOnly: boolean;
  };
  freeze: FreezeCalendar;
  allowSelfApproval: boolean;
  /** One-off blackouts of Systems or Domains, from config. */
  blackouts: Blackout[];
  /** Whether pipelines (service principals) may record deploy and roll-back. */
  allowCiRecording: boolean;
  notifications: NotificationsConfig;
  reminders: RemindersConfig;
  /** How long a user's decisions serve their reads; 0 asks on every request. */
  readDecisionTtlMs: number;
  audit: {
    /** An event the chain must hold, kept outside the database. */
    expectedHead?: ExpectedHead;
    /** The Ed25519 private key that signs each checkpoint, if set. */
    signingKey?: KeyObject;
  };
  outbox: OutboxConfig;
  /** `app.baseUrl`, before the paths of the links in published events. */
  appBaseUrl: string;
  /** The hours changes are planned in; none by default (issue 21). */
  workingHours?: WorkingHours;
  /** Issue 21: the points of the change success score. */
  scoreWeights: ScoreWeights;
  /** Issue 24: the risk assessment's factors, weights and thresholds. */
  risk: RiskConfig;
  /** Issue 24: what a high-risk change must meet; all off by default. */
  riskPolicies: RiskPolicies;
}

/** The delivery of side effects after the commit. */
export interface OutboxConfig {
  /** Attempts at a row before it is marked dead. */
  maxAttempts: number;
  /** Fault tests only: how long a row waits before each attempt, in ms. */
  deliveryDelayMs: number;
  /** How long a delivered row is kept before it is deleted, in ms. */
  retentionMs: number;
}

/** The clock that chases retrospectives and verifications. */
export interface RemindersConfig {
  /** How often the scheduled task runs, once across all replicas. */
  frequency: HumanDuration;
  /** How long after start-up it first runs. */
  initialDelay: HumanDuration;
  /** How long before a deadline its author is reminded, in ms. */
  remindBeforeMs: number;
  /** How long a deployed change may stay unverified, in ms. */
  verificationDueAfterMs: number;
}

/** Which notifications are sent (each kind on by default), and to how many. */
export interface NotificationsConfig {
  review: boolean;
  cto: boolean;
  decision: boolean;
  dependents: boolean;
  emergency: boolean;
  /** Remind the author before a retrospective or verification is due. */
  reminder: boolean;
  /** Tell the author and the CTO role when it is overdue. */
  overdue: boolean;
  /** The most reviewers told when no owner group has another member. */
  reviewerCap: number;
}

const DEFAULT_REVIEWER_CAP = 10;

export function readChangeManagementConfig(
  config: Config,
): ChangeManagementConfig {
  const root = config.getOptionalConfig('changeManagement');
  const groupRefs = (key: string) =>
    (root?.getOptionalStringArray(key) ?? []).map(ref =>
      stringifyEntityRef(parseEntityRef(ref, { defaultKind: 'group' })),
    );
  const ctoRefs = groupRefs('roles.cto');
  const windows = root
    ?.getOptionalConfigArray('freeze.windows')
    ?.map(w => ({ start: w.getString('start'), end: w.getString('end') }));
  const freeze: FreezeCalendar = {
    windows: windows ?? DEFAULT_FREEZE_CALENDAR.windows,
    timeZone:
      root?.getOptionalString('freeze.timeZone') ??
      DEFAULT_FREEZE_CALENDAR.timeZone,
  };
  try {
    validateFreezeCalendar(freeze);
  } catch (error) {
    throw new Error(
      `Invalid changeManagement.freeze config: ${(error as Error).message}`,
    );
  }
  const blackouts = (root?.getOptionalConfigArray('blackouts') ?? []).map(
    (b, i) => readBlackout(b, i),
  );
  const workingHours = readWorkingHours(
    root?.getOptionalConfig('workingHours'),
  );
  return {
    blackouts,
    workingHours,
    allowCiRecording: root?.getOptionalBoolean('ci.allowRecording') ?? false,
    ctoRefs,
    engineers: {
      exclude: groupRefs('roles.engineers.exclude'),
      ownersOnly:
        root?.getOptionalBoolean('roles.engineers.ownersOnly') ?? false,
    },
    freeze,
    allowSelfApproval: root?.getOptionalBoolean('allowSelfApproval') ?? false,
    notifications: readNotifications(root?.getOptionalConfig('notifications')),
    reminders: readReminders(root?.getOptionalConfig('reminders')),
    readDecisionTtlMs: readTtl(root),
    audit: {
      expectedHead: readExpectedHead(root),
      signingKey: readSigningKey(root),
    },
    outbox: readOutbox(root?.getOptionalConfig('outbox')),
    appBaseUrl: (config.getOptionalString('app.baseUrl') ?? '').replace(
      /\/+$/,
      '',
    ),
    scoreWeights: readScoreWeights(
      root?.getOptionalConfig('metrics.scoreWeights'),
    ),
    risk: readRiskConfig(root?.getOptionalConfig('risk')),
    riskPolicies: readRiskPolicies(
      root?.getOptionalConfig('risk.policies'),
      workingHours,
    ),
  };
}

/** `metrics.scoreWeights`: each weight a finite number, defaulted one by one. */
function readScoreWeights(config: Config | undefined): ScoreWeights {
  const weights = { ...DEFAULT_SCORE_WEIGHTS };
  for (const key of Object.keys(weights) as (keyof ScoreWeights)[]) {
    const value = config?.getOptionalNumber(key);
    if (value === undefined) continue;
    if (!Number.isFinite(value)) {
      throw new Error(
        `Invalid changeManagement.metrics.scoreWeights.${key}: ${value}; use a number`,
      );
    }
    weights[key] = value;
  }
  return weights;
}

const DEFAULT_MAX_ATTEMPTS = 10;
const DEFAULT_OUTBOX_RETENTION: HumanDuration = { days: 7 };

function readOutbox(config: Config | undefined): OutboxConfig {
  const maxAttempts =
    config?.getOptionalNumber('maxAttempts') ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(
      `Invalid changeManagement.outbox.maxAttempts: ${maxAttempts}; use a whole number, 1 or more`,
    );
  }
  const duration = (key: string, otherwise: HumanDuration) =>
    durationToMilliseconds(
      config?.has(key) ? readDurationFromConfig(config, { key }) : otherwise,
    );
  return {
    maxAttempts,
    deliveryDelayMs: duration('deliveryDelay', {}),
    retentionMs: duration('retention', DEFAULT_OUTBOX_RETENTION),
  };
}

/** `audit.expectedHead`: an event id and its sha256 hash, as verify reports them. */
function readExpectedHead(root: Config | undefined): ExpectedHead | undefined {
  const config = root?.getOptionalConfig('audit.expectedHead');
  if (!config) return undefined;
  const eventId = config.getString('eventId');
  const hash = config.getString('hash');
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    throw new Error(
      'Invalid changeManagement.audit.expectedHead.hash; use the 64 hex digits of an event hash, as GET /audit/verify reports its head',
    );
  }
  return { eventId, hash };
}

/** `audit.signingKey`: an Ed25519 private key in PEM. */
function readSigningKey(root: Config | undefined): KeyObject | undefined {
  const pem = root?.getOptionalString('audit.signingKey');
  if (pem === undefined) return undefined;
  const fix =
    'use an Ed25519 private key in PEM, e.g. from `openssl genpkey -algorithm ed25519`';
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (error) {
    throw new Error(
      `Invalid changeManagement.audit.signingKey: ${
        (error as Error).message
      }; ${fix}`,
    );
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `Invalid changeManagement.audit.signingKey: it is a ${key.asymmetricKeyType} key; ${fix}`,
    );
  }
  return key;
}

/** `permissions.readDecisionTtl`: 5 seconds unless set; '0s' turns it off. */
function readTtl(root: Config | undefined): number {
  const key = 'permissions.readDecisionTtl';
  if (!root?.has(key)) return 5000;
  try {
    const ms = durationToMilliseconds(readDurationFromConfig(root, { key }));
    if (ms >= 0 && ms <= 60_000) return ms;
  } catch {
    // reported below, with the key and an example
  }
  throw new Error(
    `Invalid changeManagement.${key}; use a duration up to a minute such as '5s' or { seconds: 5 }, or '0s' to ask the policy on every request`,
  );
}

const DEFAULT_REMINDERS = {
  frequency: { minutes: 5 },
  initialDelay: { minutes: 1 },
  remindBefore: { hours: 12 },
  verificationDueAfter: { hours: 24 },
};

function readReminders(config: Config | undefined): RemindersConfig {
  const duration = (key: keyof typeof DEFAULT_REMINDERS) => {
    if (!config?.has(key)) {
      return DEFAULT_REMINDERS[key];
    }
    try {
      const value = readDurationFromConfig(config, { key });
      if (durationToMilliseconds(value) > 0) {
        return value;
      }
    } catch {
      // reported below, with the key and an example
    }
    throw new Error(
      `Invalid changeManagement.reminders.${key}; use a positive duration such as '12h' or { hours: 12 }`,
    );
  };
  return {
    frequency: duration('frequency'),
    initialDelay: duration('initialDelay'),
    remindBeforeMs: durationToMilliseconds(duration('remindBefore')),
    verificationDueAfterMs: durationToMilliseconds(
      duration('verificationDueAfter'),
    ),
  };
}

function readNotifications(config: Config | undefined): NotificationsConfig {
  const on = (key: string) => config?.getOptionalBoolean(key) ?? true;
  const reviewerCap =
    config?.getOptionalNumber('reviewerCap') ?? DEFAULT_REVIEWER_CAP;
  if (!Number.isInteger(reviewerCap) || reviewerCap < 0) {
    throw new Error(
      `Invalid changeManagement.notifications.reviewerCap: ${reviewerCap}; use a whole number, 0 or more`,
    );
  }
  return {
    review: on('review'),
    cto: on('cto'),
    decision: on('decision'),
    dependents: on('dependents'),
    emergency: on('emergency'),
    reminder: on('reminder'),
    overdue: on('overdue'),
    reviewerCap,
  };
}

function readBlackout(config: Config, index: number): Blackout {
  const key = `changeManagement.blackouts[${index}]`;
  const parsed = blackoutSchema.safeParse({
    entityRef: config.getString('entityRef'),
    start: config.getString('start'),
    end: config.getString('end'),
    reason: config.getString('reason'),
  });
  if (
    !parsed.success ||
    Date.parse(parsed.data.start) >= Date.parse(parsed.data.end)
  ) {
    throw new Error(
      `Invalid ${key}: give an entityRef, ISO date-times start before end (e.g. 2026-11-27T00:00:00Z), and a reason`,
    );
  }
  return {
    ...parsed.data,
    entityRef: stringifyEntityRef(parseEntityRef(parsed.data.entityRef)),
  };
}

/** Whether a user holds the CTO role through their ownership refs. */
export function holdsCtoRole(
  config: Pick<ChangeManagementConfig, 'ctoRefs'>,
  ownershipEntityRefs: string[],
): boolean {
  return ownershipEntityRefs.some(ref => config.ctoRefs.includes(ref));
}

/**
 * `changeManagement.workingHours`, the planned windows' working hours
 * (issue 21): unset by default, and then no window is outside them.
 */
function readWorkingHours(hours?: Config): WorkingHours | undefined {
  if (!hours) {
    return undefined;
  }
  const read: WorkingHours = {
    timeZone: hours.getOptionalString('timeZone') ?? 'UTC',
    days: (hours.getOptional<number[]>('days') ?? [1, 2, 3, 4, 5]).map(Number),
    start: hours.getOptionalString('start') ?? '09:00',
    end: hours.getOptionalString('end') ?? '17:00',
  };
  try {
    validateWorkingHours(read);
  } catch (error) {
    throw new Error(
      `Invalid changeManagement.workingHours config: ${
        (error as Error).message
      }`,
    );
  }
  return read;
}
