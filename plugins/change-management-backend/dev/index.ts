import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// A minimal backend for working on this plugin alone: mock auth (every
// request acts as user:default/mock) and a catalog with one component.
//
//   curl http://localhost:7007/api/change-management/changes \
//     -H 'Content-Type: application/json' \
//     -d '{"type":"standard","title":"Try it","affectedEntityRefs":["component:default/sample"]}'
//   curl http://localhost:7007/api/change-management/changes

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.userInfo.factory());
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', namespace: 'default' },
        spec: { type: 'service', system: 'sample-system' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
