import {
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Lockdown,
  PORTAL_PATH,
} from '@trove/backstage-plugin-change-management-common';
import { Notice } from './notices';

/** What a lockdown's outbox row carries: what happened to it, and who did it. */
export interface LockdownNoticeEvent {
  lockdown: Lockdown;
  happened: 'declared' | 'lifted';
  actor: string;
}

const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'relations'];

/**
 * The owners of what a lockdown covers, from the catalog in at most three
 * calls: everything, the owners of every System; a System, its owner and
 * its parts' owners; a Domain, its owner, its Systems' and their parts'.
 */
export async function lockdownOwners(
  catalog: Pick<CatalogService, 'getEntities' | 'getEntitiesByRefs'>,
  credentials: BackstageCredentials,
  entityRef?: string,
): Promise<string[]> {
  const owners = new Set<string>();
  const addOwners = (entities: { relations?: any[] }[]) =>
    entities.forEach(e =>
      (e.relations ?? [])
        .filter(r => r.type === RELATION_OWNED_BY)
        .forEach(r => owners.add(r.targetRef)),
    );
  if (!entityRef) {
    const { items } = await catalog.getEntities(
      { filter: { kind: 'System' }, fields: FIELDS },
      { credentials },
    );
    addOwners(items);
    return [...owners].sort();
  }
  const { items: scope } = await catalog.getEntitiesByRefs(
    { entityRefs: [entityRef], fields: FIELDS },
    { credentials },
  );
  addOwners(scope.filter(e => !!e) as { relations?: any[] }[]);
  let parents = [entityRef];
  // A Domain's parts are Systems, whose parts are the rest.
  const depth = parseEntityRef(entityRef).kind === 'domain' ? 2 : 1;
  for (let i = 0; i < depth && parents.length; i++) {
    const { items } = await catalog.getEntities(
      {
        filter: { [`relations.${RELATION_PART_OF}`]: parents },
        fields: FIELDS,
      },
      { credentials },
    );
    addOwners(items);
    parents = items
      .filter(e => e.kind.toLocaleLowerCase('en-US') === 'system')
      .map(e => stringifyEntityRef(e));
  }
  return [...owners].sort();
}

/**
 * The notice of a lockdown declared or lifted, to the owners of what it
 * covers, once each: the scope is the lockdown event's (noticeScope), so a
 * second delivery updates the same notification instead of adding one.
 */
export function lockdownNotice(
  { lockdown, happened }: LockdownNoticeEvent,
  owners: string[],
): Notice {
  const scope = lockdown.entityRef ?? 'everything';
  const until = lockdown.end ? ` until ${lockdown.end}` : ' until lifted';
  return {
    kind: 'lockdown',
    recipients: owners,
    payload:
      happened === 'declared'
        ? {
            title: `Production lockdown for ${scope}`,
            description: `The CTO declared a lockdown from ${lockdown.start}${until}: ${lockdown.reason}. Only emergency changes may deploy.`,
            severity: 'high',
            link: PORTAL_PATH,
            topic: `lockdown:${lockdown.id}`,
          }
        : {
            title: `Lockdown lifted for ${scope}`,
            description: `The CTO lifted the lockdown (${lockdown.reason}); deploys follow the usual rules again.`,
            severity: 'normal',
            link: PORTAL_PATH,
            topic: `lockdown:${lockdown.id}`,
          },
  };
}
