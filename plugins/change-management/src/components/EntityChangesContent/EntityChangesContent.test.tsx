import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Change } from '@internal/backstage-plugin-change-management-common';
import { screen } from '@testing-library/react';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { EntityChangesContent } from './EntityChangesContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

const change: Change = {
  id: '0e5b9a4c-5c1f-4d5e-9a55-1f2f3c4d5e6f',
  type: 'standard',
  state: 'awaiting_approval',
  version: 3,
  title: 'Upgrade the PSP SDK',
  description: 'what and why',
  risks: 'refunds',
  testingNotes: 'unit tests',
  affectedEntityRefs: ['component:default/payments-service'],
  affectedSystemRefs: ['system:default/payments'],
  createdBy: 'user:default/alice',
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  exceptions: [],
  overdue: false,
};

function renderWith(listChanges: ChangeManagementApi['listChanges']) {
  const api = { listChanges } as Partial<ChangeManagementApi>;
  return renderInTestApp(
    <TestApiProvider apis={[[changeManagementApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityChangesContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

describe('EntityChangesContent', () => {
  it("lists the entity's changes with one call", async () => {
    const listChanges = jest.fn().mockResolvedValue({ items: [change] });
    await renderWith(listChanges);

    expect(await screen.findByText('Upgrade the PSP SDK')).toBeInTheDocument();
    expect(screen.getByText('awaiting approval')).toBeInTheDocument();
    expect(screen.getByText('user:default/alice')).toBeInTheDocument();
    expect(listChanges).toHaveBeenCalledTimes(1);
    expect(listChanges).toHaveBeenCalledWith({
      entityRef: 'system:default/payments',
    });
  });

  it('invites the first change when there are none', async () => {
    await renderWith(jest.fn().mockResolvedValue({ items: [] }));
    expect(await screen.findByText('No changes yet')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Raise a change' }),
    ).toBeInTheDocument();
  });

  it('shows a failure', async () => {
    await renderWith(jest.fn().mockRejectedValue(new Error('backend down')));
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderWith(() => new Promise(() => {}));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });
});
