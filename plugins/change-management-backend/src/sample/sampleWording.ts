import { AffectedEntity } from '../database/ChangeStore';

/** A sample entity as the catalog knows it, with who changes it and how often. */
export interface SampleEntity extends AffectedEntity {
  kind: 'component' | 'resource';
  /** Indexes in ENGINEERS (alice, bob, dana) of the engineers who change it. */
  authors: number[];
  /** How often it changes, relative to the others. */
  weight: number;
  /** What its changes are about. */
  subjects: string[];
  /** What goes wrong when one fails. */
  symptoms: string[];
}

const entity = (
  ref: string,
  system: string,
  owner: string,
  more: Omit<SampleEntity, 'entityRef' | 'systemRef' | 'ownerRef' | 'kind'>,
): SampleEntity => ({
  entityRef: ref,
  systemRef: `system:default/${system}`,
  ownerRef: `group:default/${owner}`,
  kind: ref.startsWith('resource:') ? 'resource' : 'component',
  ...more,
});

/**
 * The changeable parts of the sample catalog (examples/entities.yaml):
 * alice and bob work on payments, dana on the storefront, and all three
 * on the platform.
 */
export const SAMPLE_ENTITIES: SampleEntity[] = [
  entity('component:default/payments-service', 'payments', 'payments', {
    authors: [0, 1],
    weight: 5,
    subjects: [
      'the PSP SDK',
      'refund retries',
      '3DS2 challenge handling',
      'the settlement batch',
      'currency rounding',
      'the idempotency keys',
    ],
    symptoms: [
      'refunds failing with 500',
      'duplicate captures',
      'settlement totals off by a cent',
    ],
  }),
  entity('component:default/checkout-api', 'payments', 'payments', {
    authors: [0, 1],
    weight: 4,
    subjects: [
      'the basket endpoint',
      'address validation',
      'the rate limiter',
      'the order webhook',
      'promo code checks',
    ],
    symptoms: [
      'checkout timing out',
      'orders stuck in pending',
      '429s for normal traffic',
    ],
  }),
  entity('resource:default/payments-db', 'payments', 'payments', {
    authors: [0, 1],
    weight: 2,
    subjects: [
      'the orders index',
      'the TLS certificate',
      'a read replica',
      'the vacuum settings',
    ],
    symptoms: ['replication lag', 'connection pool exhausted'],
  }),
  entity('component:default/storefront-web', 'storefront', 'storefront', {
    authors: [2],
    weight: 4,
    subjects: [
      'the product page',
      'image lazy loading',
      'the search box',
      'the cookie banner',
      'the basket drawer',
    ],
    symptoms: ['a blank product page', 'the basket not updating'],
  }),
  entity('resource:default/storefront-cdn', 'storefront', 'storefront', {
    authors: [2],
    weight: 2,
    subjects: ['cache rules', 'the TLS certificate', 'image resizing'],
    symptoms: ['stale prices served from cache', 'images returning 403'],
  }),
  entity('resource:default/aws-prod-account', 'platform-infra', 'platform', {
    authors: [0, 1, 2],
    weight: 1,
    subjects: ['IAM roles', 'the VPC flow logs', 'the KMS keys'],
    symptoms: ['services denied access to their secrets'],
  }),
  entity('resource:default/duplocloud-prod', 'platform-infra', 'platform', {
    authors: [0, 1, 2],
    weight: 2,
    subjects: ['node pool sizes', 'the ingress controller', 'log shipping'],
    symptoms: ['pods evicted under load', 'ingress dropping connections'],
  }),
];

const name = (ref: string) => ref.split('/')[1];

/** A change's draft wording, and what its reviewers and failures say. */
export function wording(
  rand: () => number,
  sample: SampleEntity,
  type: 'standard' | 'infrastructure' | 'emergency',
) {
  const pick = <T>(items: readonly T[]) =>
    items[Math.floor(rand() * items.length)];
  const subject = pick(sample.subjects);
  const symptom = pick(sample.symptoms);
  const target = name(sample.entityRef);
  const verb = pick(['Update', 'Tune', 'Rework', 'Upgrade', 'Simplify']);
  const pr = 1 + Math.floor(rand() * 900);
  const draft =
    type === 'emergency'
      ? {
          title: `Hotfix: ${symptom} on ${target}`,
          description: `Production shows ${symptom}; this fixes it on ${target}.`,
          risks: 'Small: the fix is narrow and reverts cleanly.',
          testingNotes: 'Reproduced locally and fixed; checked on staging.',
          proposedFix: `Revert the last change to ${subject} and add a guard.`,
        }
      : {
          title: `${verb} ${subject} on ${target}`,
          description: `${verb}s ${subject} on ${target}.`,
          risks: `A mistake could cause ${symptom}.`,
          testingNotes: 'Unit tests, then a run against staging.',
          ...(type === 'standard' && {
            pullRequestUrl: `https://github.com/acme/${target}/pull/${pr}`,
          }),
        };
  const failure = `${symptom[0].toUpperCase()}${symptom.slice(1)}`;
  return {
    draft,
    deploy: {
      deploymentRef: `https://ci.example.com/${target}/runs/${pr * 7}`,
    },
    retrospective: {
      whatChanged: `Reverted the last change to ${subject} on ${target}`,
      why: `${failure} in production`,
      approvalReceived: 'carol approved on the incident call',
    },
    rework: 'Please add a rollback plan and a dashboard to watch.',
    issues: `Brief rise in latency on ${target}; it settled on its own.`,
    failure: `${failure} after the deploy.`,
    review: {
      preventable: rand() < 0.6 ? 'yes' : 'no',
      notes: `A test on ${subject} would have caught it; added to the backlog.`,
    },
  };
}
