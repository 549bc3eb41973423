import { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { changeManagementApiRef } from './api';
import changeManagementPlugin from './alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { rootRouteRef } from './routes';
import { anEmptyPeriod } from './__testUtils__/metrics';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'payments-db', namespace: 'default' },
  spec: { type: 'database', system: 'payments' },
};

// The tab's content loads lazily: seconds on a busy machine.
jest.setTimeout(30_000);

/** No lockdown in force: the banner and the portal's panel ask. */
const listLockdowns = jest.fn().mockResolvedValue({ items: [] });

describe('the new frontend system plugin', () => {
  const content = changeManagementPlugin.getExtension(
    'entity-content:change-management',
  );

  it('adds a Changes tab to every kind of entity', () => {
    const tester = createExtensionTester(content);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('Changes');
    expect(tester.get(coreExtensionData.routePath)).toBe('changes');
    // no filter: every entity page gets the tab
    expect(
      tester.get(EntityContentBlueprint.dataRefs.filterFunction),
    ).toBeUndefined();
    expect(
      tester.get(EntityContentBlueprint.dataRefs.filterExpression),
    ).toBeUndefined();
  });

  it("renders the entity's changes", async () => {
    const listChanges = jest.fn().mockResolvedValue({ items: [] });
    const getFreeze = jest
      .fn()
      .mockResolvedValue({ frozen: false, timeZone: 'UTC' });
    const getEntityMetrics = jest.fn().mockResolvedValue(anEmptyPeriod());
    const tester = createExtensionTester(content);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            changeManagementApiRef,
            { listChanges, getFreeze, getEntityMetrics, listLockdowns },
          ],
        ]}
      >
        <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/change-management': convertLegacyRouteRef(rootRouteRef),
        },
      },
    );
    // The tab's content is loaded lazily: under a full test run that takes a while.
    expect(
      await screen.findByText('No changes yet', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(listChanges).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'resource:default/payments-db' }),
    );
  });
});

describe('the change debt card of the new frontend system', () => {
  const card = changeManagementPlugin.getExtension(
    'entity-card:change-management',
  );

  it('goes on the Overview of the kinds a change may affect', () => {
    const tester = createExtensionTester(card);
    const shows = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    const of = (kind: string) => ({ ...entity, kind });
    for (const kind of ['Component', 'Resource', 'System', 'API', 'Domain']) {
      expect({ kind, shown: shows(of(kind)) }).toEqual({ kind, shown: true });
    }
    for (const kind of ['User', 'Group', 'Location', 'Template']) {
      expect({ kind, shown: shows(of(kind)) }).toEqual({ kind, shown: false });
    }
  });

  it("renders the entity's change debt", async () => {
    const getSummary = jest.fn().mockResolvedValue({
      entityRef: 'resource:default/payments-db',
      inFlight: { items: [], total: 0 },
      overdue: { items: [], total: 0 },
    });
    const getFreeze = jest
      .fn()
      .mockResolvedValue({ frozen: false, timeZone: 'UTC' });
    const tester = createExtensionTester(card);
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [changeManagementApiRef, { getSummary, getFreeze, listLockdowns }],
        ]}
      >
        <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/change-management': convertLegacyRouteRef(rootRouteRef),
        },
      },
    );
    expect(
      await screen.findByText(
        /^Nothing in flight, no retrospective owed/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(getSummary).toHaveBeenCalledWith('resource:default/payments-db');
  });
});
