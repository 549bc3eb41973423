import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { ChangeDocument } from '@trove/backstage-plugin-change-management-common';
import { ChangeCollatorFactory } from './ChangeCollatorFactory';
import {
  asUser,
  changeManagementFeatures,
} from './__testUtils__/searchBackend';

jest.setTimeout(60_000);

const draft = (title: string, affected: string) => ({
  type: 'emergency',
  title,
  description: `${title}, described.`,
  risks: 'Few.',
  testingNotes: 'Locally.',
  incident: { ref: 'INC-7', severity: 'P2' },
  proposedFix: 'Revert.',
  affectedEntityRefs: [affected],
});

/**
 * The collator as the search plugin builds it, against the real
 * change-management backend: the services are the search plugin's own.
 */
async function startCollator(pageSize: number) {
  let factory: ChangeCollatorFactory | undefined;
  const backend = await startTestBackend({
    features: [
      ...changeManagementFeatures(),
      createBackendPlugin({
        pluginId: 'search',
        register(env) {
          env.registerInit({
            deps: {
              auth: coreServices.auth,
              catalog: catalogServiceRef,
              discovery: coreServices.discovery,
              logger: coreServices.logger,
            },
            async init(services) {
              factory = ChangeCollatorFactory.fromOptions({
                ...services,
                pageSize,
              });
            },
          });
        },
      }),
    ],
  });
  const collect = async () => {
    const documents: ChangeDocument[] = [];
    for await (const document of await factory!.getCollator()) {
      documents.push(document);
    }
    return documents;
  };
  return { as: asUser(backend.server), collect, stop: () => backend.stop() };
}

describe('ChangeCollatorFactory', () => {
  it('reads every change once, page by page, whoever may read it', async () => {
    const collator = await startCollator(2);
    const ids: string[] = [];
    for (const [user, entity] of [
      ['alice', 'component:default/payments-service'],
      ['dana', 'component:default/storefront-web'],
      ['alice', 'component:default/payments-service'],
      ['dana', 'component:default/storefront-web'],
      ['alice', 'component:default/payments-service'],
    ] as const) {
      ids.push(
        (await collator.as(user).raise(draft(`Change ${ids.length}`, entity)))
          .id,
      );
    }

    const documents = await collator.collect();

    // Newest first, as the list pages them; alice's and dana's alike, since
    // the search backend, not the collator, filters by reader.
    expect(documents.map(d => d.authorization.resourceRef)).toEqual(
      [...ids].reverse(),
    );
    expect(documents[0]).toEqual({
      title: 'Change 4',
      text: 'Change 4, described.',
      location: `/change-management/changes/${ids[4]}`,
      changeType: 'Emergency',
      state: 'Draft',
      entities: 'payments-service, Payments Service',
      people: 'alice, Alice Example',
      authorization: { resourceRef: ids[4] },
    });
    // dana is in the catalog by her display name
    expect(documents[1].people).toBe('dana, Dana Scully');
    await collator.stop();
  });

  it('indexes nothing, and fails, when the backend refuses it', async () => {
    const collator = await startCollator(101);
    // The list takes at most 100 a page: the collator's error names the
    // answer, so the search backend logs why the index failed.
    await expect(collator.collect()).rejects.toThrow(/400/);
    await collator.stop();
  });
});
