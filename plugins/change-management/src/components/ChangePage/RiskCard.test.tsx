import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import {
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import Grid from '@material-ui/core/Grid';
import { fakeApi, renderPage, standardChange } from './__testUtils__/fakeApi';
import { RiskCard } from './RiskCard';

jest.setTimeout(30_000);

const risky: ChangeView = {
  ...standardChange,
  affectedEntityRefs: ['resource:default/payments-db'],
  risk: {
    level: 'high',
    score: 27,
    reasons: [
      {
        factor: 'blast-radius',
        points: 13,
        message: '2 entities depend on payments-db (1 System, 1 team)',
      },
      {
        factor: 'criticality',
        points: 5,
        message: 'payments-db is marked critical',
      },
    ],
    assessedAt: '2026-03-02T10:00:00.000Z',
  },
};

const entity = (
  kind: string,
  name: string,
  relations: [string, string][],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

// payments-db, the service that depends on it, and the site that depends
// on the service: two hops. payments-db itself runs on a VPC, which does
// not break when payments-db changes.
const catalog = [
  entity('Resource', 'payments-db', [
    ['dependencyOf', 'component:default/payments-service'],
    ['dependsOn', 'resource:default/vpc'],
  ]),
  entity('Resource', 'vpc', [['dependencyOf', 'resource:default/payments-db']]),
  entity('Component', 'payments-service', [
    ['dependsOn', 'resource:default/payments-db'],
    ['dependencyOf', 'component:default/storefront-web'],
  ]),
  entity('Component', 'storefront-web', [
    ['dependsOn', 'component:default/payments-service'],
  ]),
];

describe('RiskCard', () => {
  it('shows the stored level, score and reasons, and draws the dependents with the catalog graph', async () => {
    const catalogApi = new InMemoryCatalogClient({ entities: catalog });
    jest.spyOn(catalogApi, 'getEntitiesByRefs');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [catalogApiRef, catalogApi],
          [catalogGraphApiRef, new DefaultCatalogGraphApi()],
        ]}
      >
        <Grid container>
          <RiskCard change={risky} />
        </Grid>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(screen.getByText('High risk · 27')).toBeInTheDocument();
    expect(
      screen.getByText('2 entities depend on payments-db (1 System, 1 team)'),
    ).toBeInTheDocument();
    expect(screen.getByText('+5 points')).toBeInTheDocument();
    // Nothing is read for the graph until it is asked for.
    expect(catalogApi.getEntitiesByRefs).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show what depends on the affected entities',
      }),
    );
    // The catalog graph's own component walks the catalog from the
    // affected entity, two hops out (jsdom lays out no SVG: the browser
    // test sees the nodes).
    await waitFor(() =>
      expect(catalogApi.getEntitiesByRefs).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRefs: ['component:default/storefront-web'],
        }),
      ),
    );
    // Only what depends on it: the graph does not walk to the VPC.
    const read = jest
      .mocked(catalogApi.getEntitiesByRefs)
      .mock.calls.flatMap(([request]) => request.entityRefs);
    expect(read).toContain('component:default/payments-service');
    expect(read).not.toContain('resource:default/vpc');
  });

  it('is on the change page when the change was assessed, and lists the entities without the graph plugin', async () => {
    const api = fakeApi(risky);
    await renderPage(api);
    const card = (await screen.findByText('High risk · 27')).closest(
      '[class*="MuiCard-root"]',
    ) as HTMLElement;
    expect(within(card).getByText('Risk')).toBeInTheDocument();
    await userEvent.click(
      within(card).getByRole('button', {
        name: 'Show what depends on the affected entities',
      }),
    );
    expect(
      await within(card).findByText(/Install @backstage\/plugin-catalog-graph/),
    ).toBeInTheDocument();
  });

  it('is not on the page of a change never assessed', async () => {
    await renderPage(fakeApi(standardChange));
    await screen.findAllByText('Upgrade the PSP SDK');
    expect(screen.queryByText(/risk ·/)).toBeNull();
  });
});
