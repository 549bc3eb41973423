import {
  ChangeState,
  ChangeType,
  IncidentSeverity,
  MetricsChange,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { completedChange } from './bulkChanges';
import { AffectedEntity, StoredChange } from '../database/ChangeStore';
import { changeToRow, entityToRow } from '../database/rows';

/** The sample System's two parts, and a component of no System. */
export const SYSTEM = 'system:default/payments';
export const SERVICE = 'component:default/payments-service';
export const LEDGER = 'resource:default/ledger-db';
export const ALONE = 'component:default/search';

/** Two more Systems, each with a part, and the owning groups. */
export const STOREFRONT = 'system:default/storefront';
export const STOREFRONT_WEB = 'component:default/storefront-web';
export const INFRA = 'system:default/platform-infra';
export const AWS = 'resource:default/aws-prod-account';
export const GROUPS = {
  payments: 'group:default/payments',
  platform: 'group:default/platform',
  storefront: 'group:default/storefront',
};

const service = {
  entityRef: SERVICE,
  systemRef: SYSTEM,
  ownerRef: GROUPS.payments,
};
const ledger = {
  entityRef: LEDGER,
  systemRef: SYSTEM,
  ownerRef: GROUPS.platform,
};

/** Where a fixture lands, by a short name. */
export const PLACES: Record<string, AffectedEntity[]> = {
  service: [service],
  ledger: [ledger],
  both: [service, ledger],
  alone: [{ entityRef: ALONE }],
  storefront: [
    {
      entityRef: STOREFRONT_WEB,
      systemRef: STOREFRONT,
      ownerRef: GROUPS.storefront,
    },
  ],
  infra: [{ entityRef: AWS, systemRef: INFRA, ownerRef: GROUPS.platform }],
};

/** What a fixture says of a change; the rest is a completed change's. */
export interface ChangeFixture {
  type?: ChangeType;
  state?: ChangeState;
  place: keyof typeof PLACES;
  createdBy?: string;
  /** Submit times; the first one counts for the lead time. */
  submits?: string[];
  deployedAt?: string;
  verified?: 'yes' | 'no';
  issues?: string;
  causedBy?: StoredChange;
  severity?: IncidentSeverity;
  retrospectiveDueAt?: string;
  retrospective?: { at: string; late: boolean };
}

/** A change and its entities and submits, as stored and as the judges read it. */
export interface Fixture {
  change: StoredChange;
  entities: AffectedEntity[];
  submits: string[];
  judged: MetricsChange;
}

export function fixture(f: ChangeFixture): Fixture {
  const base = completedChange(0, new Date('2025-01-01T00:00:00.000Z'));
  const entities = PLACES[f.place];
  const by = f.createdBy ?? base.createdBy;
  const change: StoredChange = {
    ...base,
    type: f.type ?? 'standard',
    state: f.state ?? 'completed',
    createdBy: by,
    affectedEntityRefs: entities.map(e => e.entityRef).sort(),
    affectedSystemRefs: [
      ...new Set(entities.flatMap(e => (e.systemRef ? [e.systemRef] : []))),
    ],
    deployed: f.deployedAt ? { by, at: f.deployedAt } : undefined,
    postDeploymentVerified: f.verified,
    verified: f.verified ? { by, at: f.deployedAt! } : undefined,
    issuesEncountered: f.verified ? f.issues ?? '' : undefined,
    incident: f.severity ? { ref: 'INC-1', severity: f.severity } : undefined,
    causedBy: f.causedBy?.id,
    retrospectiveDueAt: f.retrospectiveDueAt,
    retrospective: f.retrospective && {
      by,
      at: f.retrospective.at,
      whatChanged: 'a',
      why: 'b',
      approvalReceived: 'c',
      late: f.retrospective.late,
    },
  };
  const submits = f.submits ?? [];
  return {
    change,
    entities,
    submits,
    judged: { ...change, submittedAt: submits[0] },
  };
}

/** Writes the fixtures' rows: changes, entities and submit events. */
export async function insertFixtures(knex: Knex, fixtures: Fixture[]) {
  await knex.batchInsert(
    'changes',
    fixtures.map(f => changeToRow(f.change)) as any,
    25,
  );
  await knex.batchInsert(
    'change_entities',
    fixtures.flatMap(f => f.entities.map(e => entityToRow(f.change, e))),
    50,
  );
  // Only what the figures read of the trail: hashes are not checked here.
  await knex.batchInsert(
    'change_events',
    fixtures.flatMap(f =>
      f.submits.map(at => ({
        id: randomUUID(),
        change_id: f.change.id,
        action: 'submit',
        from_state: 'draft',
        to_state: 'in_review',
        actor: f.change.createdBy,
        created_at: new Date(at),
        fields: '{}',
        previous_hash: '0'.repeat(64),
        hash: '0'.repeat(64),
      })),
    ),
    50,
  );
}

/** Figures with their fractions rounded, to compare two computations. */
export function rounded<T>(figures: T): T {
  return JSON.parse(
    JSON.stringify(figures, (_key, value) =>
      typeof value === 'number' ? Math.round(value * 1e6) / 1e6 : value,
    ),
  );
}
