import {
  ChangeAction,
  ChangeDraftInput,
  failedOnItsOwn,
} from '@trove/backstage-plugin-change-management-common';
import { HistoryEntry } from '../database/bulkHistory';
import { Step, seedChange } from './lifecycle';
import {
  affected,
  DAY,
  HOUR,
  inFreeze,
  MINUTE,
  Outcome,
  outcomeOf,
  pickWeighted,
  random,
  SEED,
  workingHour,
} from './sampleDice';
import { SAMPLE_ENTITIES, SampleEntity, wording } from './sampleWording';

/** How far back the sample history starts: about 18 months. */
export const SAMPLE_HISTORY_DAYS = 548;

/** A step at an absolute time; the history keeps what happened by `now`. */
type TimedStep = [
  Step[0],
  Step[1],
  { at: number; fields?: Record<string, unknown> },
];

/**
 * The sample app's change history: about 18 months of changes to the
 * sample Systems (examples/entities.yaml) by the sample people
 * (examples/org.yaml), ending at `now`. Every step is judged by the
 * workflow's `applyAction` (seedChange), so the audit trail verifies. It
 * holds deploys verified with and without issues, failed verifications,
 * roll-backs, emergencies for P1 and P2 incidents (some naming the change
 * that caused them), late retrospectives, planned windows (some ahead of
 * `now`) and changes still in flight. Deterministic but for the ids: the
 * same `now` gives the same history.
 */
export function sampleHistory(now: Date): HistoryEntry[] {
  const rand = random(SEED);
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(rand() * items.length)];
  const between = (low: number, high: number) => low + rand() * (high - low);
  const end = now.getTime();
  const entries: HistoryEntry[] = [];

  /** Takes a change along its steps, as far as `now`. */
  const record = (options: {
    entity: SampleEntity;
    raisedAt: number;
    draft: Partial<ChangeDraftInput> & Pick<ChangeDraftInput, 'type'>;
    steps: TimedStep[];
  }): HistoryEntry => {
    const { entity, raisedAt, draft, steps } = options;
    let last = raisedAt;
    // Events are appended in the order of their times (writeHistory).
    steps.forEach(([, action, { at }], i) => {
      if (at < (i ? steps[i - 1][2].at : raisedAt)) {
        throw new Error(`The sample's ${action} step is out of order`);
      }
    });
    const taken: Step[] = steps
      .filter(([, , { at }]) => at <= end)
      .map(([party, action, { at, fields }]) => {
        const step: Step = [party, action, { afterMs: at - last, fields }];
        last = at;
        return step;
      });
    const entry = seedChange({
      script: { name: 'sample', type: draft.type, steps: taken, weight: 1 },
      entities: [affected(entity)],
      author: pick(entity.authors),
      createdAt: new Date(raisedAt),
      stepMs: 0,
      title: draft.title ?? '',
      draft,
    });
    entries.push(entry);
    return entry;
  };

  /** An emergency for an incident, deployed within hours. */
  const emergency = (options: {
    entity: SampleEntity;
    raisedAt: number;
    severity: 'P1' | 'P2';
    causedBy?: string;
    rolledBack?: boolean;
    retrospectiveAfterHours: number;
  }) => {
    const { entity, raisedAt, severity, causedBy } = options;
    const words = wording(rand, entity, 'emergency');
    const submitAt = raisedAt + between(5, 20) * MINUTE;
    const approveAt = submitAt + between(5, 20) * MINUTE;
    const deployAt = approveAt + between(10, 40) * MINUTE;
    const judgedAt = deployAt + between(30, 120) * MINUTE;
    const retroAt = deployAt + options.retrospectiveAfterHours * HOUR;
    return record({
      entity,
      raisedAt,
      draft: {
        ...words.draft,
        type: 'emergency',
        incident: {
          ref: `INC-${1000 + Math.floor(rand() * 9000)}`,
          severity,
        },
        ...(causedBy && { causedBy }),
      },
      steps: [
        ['author', 'submit', { at: submitAt }],
        ['cto', 'approve', { at: approveAt }],
        ['author', 'deploy', { at: deployAt, fields: words.deploy }],
        options.rolledBack
          ? [
              'author',
              'roll-back',
              { at: judgedAt, fields: { reason: words.failure } },
            ]
          : ['author', 'verify', { at: judgedAt }],
        [
          'author',
          'document-retrospective',
          { at: retroAt, fields: words.retrospective },
        ],
        [
          'cto',
          'complete-review',
          { at: retroAt + between(4, 48) * HOUR, fields: words.review },
        ],
      ],
    });
  };

  /** A standard or infrastructure change, deployed in its planned window. */
  const planned = (
    entity: SampleEntity,
    raisedAt: number,
    outcome: Outcome,
    /** The step it waits for still, if it is in flight. */
    waitsFor?: ChangeAction,
  ) => {
    const type = entity.kind === 'resource' ? 'infrastructure' : 'standard';
    const words = wording(rand, entity, type);
    // Planned a few days out; the freeze sends it past its end. Changes
    // raised in the last fortnight plan further ahead, into the calendar's
    // coming weeks.
    const ahead = raisedAt > end - 14 * DAY ? between(3, 35) : between(2, 7);
    let start = workingHour(raisedAt + ahead * DAY, pick([9, 10, 14]));
    const freeze = inFreeze(start);
    if (freeze) {
      start = workingHour(Date.parse(freeze.end) + between(1, 8) * DAY, 10);
    }
    const window = {
      plannedStart: new Date(start).toISOString(),
      plannedEnd: new Date(start + pick([1, 2, 3]) * HOUR).toISOString(),
    };
    const reworked = !waitsFor && rand() < 0.25;
    const cancelled = !waitsFor && rand() < 0.04;
    let at = raisedAt;
    const next = (low: number, high: number) => {
      at = Math.min(at + between(low, high) * HOUR, start - 2 * HOUR);
      return at;
    };
    const steps: TimedStep[] = [['author', 'submit', { at: next(0.2, 2) }]];
    if (reworked) {
      steps.push(
        [
          'reviewer',
          'request-changes',
          { at: next(1, 20), fields: { comment: words.rework } },
        ],
        [
          'author',
          'edit',
          { at: next(1, 6), fields: { ...words.draft, ...window } },
        ],
        ['author', 'submit', { at: next(0.1, 1) }],
      );
    }
    if (cancelled) {
      steps.push(['author', 'cancel', { at: next(2, 30) }]);
    } else {
      steps.push(
        ['reviewer', 'review', { at: next(1, 24) }],
        ['cto', 'approve', { at: next(1, 24) }],
        ['author', 'record-staging', { at: next(2, 30) }],
        ['cto', 'sign-off', { at: next(1, 8) }],
      );
      const deployAt = start + between(0, 30) * MINUTE;
      steps.push(['author', 'deploy', { at: deployAt, fields: words.deploy }]);
      const judgedAt = deployAt + between(20, 180) * MINUTE;
      if (outcome === 'rolled-back') {
        steps.push([
          'author',
          'roll-back',
          { at: judgedAt, fields: { reason: words.failure } },
        ]);
      } else {
        const verdict = {
          verified: { postDeploymentVerified: 'yes', issuesEncountered: '' },
          'with-issues': {
            postDeploymentVerified: 'yes',
            issuesEncountered: words.issues,
          },
          failed: {
            postDeploymentVerified: 'no',
            issuesEncountered: words.failure,
          },
        }[outcome];
        steps.push(['author', 'verify', { at: judgedAt, fields: verdict }]);
      }
    }
    const waiting = steps.findIndex(([, action]) => action === waitsFor);
    if (waiting >= 0) steps.splice(waiting);
    return {
      entry: record({
        entity,
        raisedAt,
        draft: { ...words.draft, ...window, type },
        steps,
      }),
      failedAt: steps[steps.length - 1][2].at,
    };
  };

  // Working days from 18 months ago to yesterday: about one change a day,
  // fewer in the freeze, when only what can wait for January is raised.
  const first = end - SAMPLE_HISTORY_DAYS * DAY;
  for (let day = first; day < end - 12 * HOUR; day += DAY) {
    if ([0, 6].includes(new Date(day).getUTCDay())) continue;
    const count = inFreeze(day)
      ? Number(rand() < 0.35)
      : Number(rand() < 0.7) + Number(rand() < 0.15);
    for (let i = 0; i < count; i++) {
      const entity = pickWeighted(rand, SAMPLE_ENTITIES);
      const raisedAt = workingHour(day, 8) + between(0, 8) * HOUR;
      if (raisedAt > end) continue;
      const outcome = outcomeOf(rand());
      const { entry, failedAt } = planned(entity, raisedAt, outcome);
      // Half the failures in production become an incident, and its
      // emergency names the change that caused it.
      if (
        failedOnItsOwn(entry.change) &&
        rand() < 0.5 &&
        failedAt + 6 * HOUR < end
      ) {
        emergency({
          entity,
          raisedAt: failedAt + between(0.5, 4) * HOUR,
          severity: rand() < 0.4 ? 'P1' : 'P2',
          causedBy: entry.change.id,
          retrospectiveAfterHours: between(6, 40),
        });
      }
    }
    // An incident of unknown cause about every four weeks; one
    // retrospective in eight is late.
    if (rand() < 0.05) {
      const raisedAt = day + between(0, 24) * HOUR;
      if (raisedAt < end - 6 * HOUR) {
        emergency({
          entity: pickWeighted(rand, SAMPLE_ENTITIES),
          raisedAt,
          severity: rand() < 0.3 ? 'P1' : 'P2',
          rolledBack: rand() < 0.1,
          retrospectiveAfterHours:
            rand() < 0.125 ? between(60, 120) : between(4, 40),
        });
      }
    }
  }

  // Whatever the dice said, changes of the last days wait on each step
  // before production: a review, the CTO's approval, staging, the CTO's
  // sign-off, and the deploy in a planned window ahead.
  const waits: [string, ChangeAction][] = [
    ['component:default/payments-service', 'review'],
    ['component:default/checkout-api', 'approve'],
    ['component:default/storefront-web', 'record-staging'],
    ['resource:default/payments-db', 'sign-off'],
    ['component:default/payments-service', 'deploy'],
  ];
  waits.forEach(([ref, action], i) => {
    const entity = SAMPLE_ENTITIES.find(e => e.entityRef === ref)!;
    const raisedAt = end - (i + 1) * DAY;
    planned(entity, raisedAt, 'verified', action);
  });

  // Whatever the dice said, the payments System's last weeks hold a
  // failed hotfix, rolled back, and the P1 it caused, whose retrospective
  // was late: its calendar and charts always show them.
  const payments = SAMPLE_ENTITIES.find(
    e => e.entityRef === 'component:default/payments-service',
  )!;
  const failedHotfix = emergency({
    entity: payments,
    raisedAt: workingHour(end - 12 * DAY, 10),
    severity: 'P2',
    rolledBack: true,
    retrospectiveAfterHours: 20,
  });
  emergency({
    entity: payments,
    raisedAt: workingHour(end - 12 * DAY, 14),
    severity: 'P1',
    causedBy: failedHotfix.change.id,
    retrospectiveAfterHours: 75,
  });
  return entries;
}
