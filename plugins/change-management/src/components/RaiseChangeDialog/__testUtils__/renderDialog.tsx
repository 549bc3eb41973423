import {
  catalogApiRef,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { ChangeManagementApi, changeManagementApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { RaiseChangeDialog } from '../RaiseChangeDialog';

/** A 400 as the API client throws it, with the server's issues. */
export function inputError(issues: { path: string; message: string }[]) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message: 'Invalid request', issues },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

const catalogApi = catalogApiMock({
  entities: [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'payments-db', namespace: 'default' },
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments-service',
        namespace: 'default',
        title: 'Payments service',
      },
    },
  ],
});

/** The dialog as an entity page opens it, or on a draft to edit. */
export async function renderDialog(
  api: Partial<ChangeManagementApi>,
  onClose = jest.fn(),
  change?: ChangeView,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, api],
        [catalogApiRef, catalogApi],
        [
          entityPresentationApiRef,
          DefaultEntityPresentationApi.create({ catalogApi }),
        ],
      ]}
    >
      <RaiseChangeDialog
        open
        onClose={onClose}
        entityRef="component:default/payments-service"
        change={change}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/change-management': rootRouteRef } },
  );
}
