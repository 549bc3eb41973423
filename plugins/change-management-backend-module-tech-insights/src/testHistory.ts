import { randomUUID } from 'node:crypto';
// The rows the change-management backend's own fixtures write.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import type {
  HistoryEntry,
  StoredChange,
} from '@trove/backstage-plugin-change-management-backend/testUtils';

const DAY = 86_400_000;
const SYSTEM = 'system:default/payments';

/**
 * A change of the payments system deployed `daysAgo`, as its record stands
 * after the workflow: what the store holds, without its trail.
 */
function deployed(
  now: Date,
  entity: string,
  daysAgo: number,
  record: Partial<StoredChange>,
): HistoryEntry {
  const at = (days: number) =>
    new Date(now.getTime() - days * DAY).toISOString();
  const by = 'user:default/alice';
  return {
    change: {
      id: randomUUID(),
      type: 'standard',
      state: 'completed',
      version: 8,
      title: `A change to ${entity}`,
      description: 'Seeded for the Tech Insights test.',
      risks: 'None.',
      testingNotes: 'None.',
      affectedEntityRefs: [entity],
      affectedSystemRefs: [SYSTEM],
      createdBy: by,
      createdAt: at(daysAgo + 1),
      updatedAt: at(daysAgo),
      deployed: { by, at: at(daysAgo) },
      postDeploymentVerified: 'yes',
      verified: { by, at: at(daysAgo) },
      issuesEncountered: '',
      exceptions: [],
      ...record,
    },
    entities: [{ entityRef: entity, systemRef: SYSTEM }],
    events: [],
  };
}

/**
 * What the test knows the backend holds at `now`: payments-service has an
 * emergency deployed 3 days ago, verified, whose retrospective (due a day
 * ago) is missing, and one change rolled back of four; checkout-api has
 * seven changes deployed and verified.
 */
export function history(now: Date): HistoryEntry[] {
  const service = 'component:default/payments-service';
  const retrospectiveDue = new Date(now.getTime() - 1 * DAY).toISOString();
  return [
    deployed(now, service, 3, {
      type: 'emergency',
      state: 'verified',
      retrospectiveDueAt: retrospectiveDue,
    }),
    deployed(now, service, 10, {}),
    deployed(now, service, 20, {
      state: 'rolled_back',
      postDeploymentVerified: undefined,
      verified: undefined,
    }),
    deployed(now, service, 30, {}),
    ...[5, 15, 25, 35, 45, 55, 65].map(days =>
      deployed(now, 'component:default/checkout-api', days, {}),
    ),
  ];
}
