import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Lockdown } from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef } from '../../api';
import { DeclareLockdownDialog } from './DeclareLockdownDialog';
import { LockdownBanner } from './LockdownBanner';
import { LockdownPanel } from './LockdownPanel';

// Typing into the dialog takes seconds when the suites share two cores.
jest.setTimeout(30_000);

const lockdown: Lockdown = {
  id: '00000000-0000-4000-8000-000000000001',
  entityRef: 'system:default/payments',
  reason: 'Incident INC-42',
  start: '2026-06-10T08:00:00.000Z',
  declaredBy: 'user:default/carol',
  declaredAt: '2026-06-10T08:00:00.000Z',
};

const renderWith = (api: object, element: JSX.Element) =>
  renderInTestApp(
    <TestApiProvider apis={[[changeManagementApiRef, api as any]]}>
      {element}
    </TestApiProvider>,
  );

describe('LockdownBanner', () => {
  it('shows each lockdown in force over the entity, from one request', async () => {
    const listLockdowns = jest.fn(async () => ({
      items: [lockdown],
      canDeclare: false,
    }));
    await renderWith(
      { listLockdowns },
      <LockdownBanner entityRef="component:default/payments-service" />,
    );
    expect(
      await screen.findByText(/Production lockdown: Incident INC-42/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /system:default\/payments and everything that is part of it from 2026-06-10 08:00 UTC until the CTO lifts it/,
      ),
    ).toBeInTheDocument();
    expect(listLockdowns).toHaveBeenCalledTimes(1);
    expect(listLockdowns).toHaveBeenCalledWith({
      active: true,
      entityRef: 'component:default/payments-service',
    });
  });

  it('shows nothing without a lockdown', async () => {
    const listLockdowns = jest.fn(async () => ({
      items: [],
      canDeclare: false,
    }));
    await renderWith(
      { listLockdowns },
      <LockdownBanner entityRef="component:default/storefront-web" />,
    );
    await waitFor(() => expect(listLockdowns).toHaveBeenCalled());
    expect(screen.queryByText(/Production lockdown/)).not.toBeInTheDocument();
  });
});

describe('DeclareLockdownDialog', () => {
  it('sends the scope, reason, start and end the CTO picked', async () => {
    const declareLockdown = jest.fn(async () => lockdown);
    const onDeclared = jest.fn();
    await renderWith(
      { declareLockdown },
      <DeclareLockdownDialog open onClose={() => {}} onDeclared={onDeclared} />,
    );
    fireEvent.mouseDown(screen.getByLabelText('Scope'));
    fireEvent.click(within(screen.getByRole('listbox')).getByText('A System'));
    fireEvent.change(screen.getByLabelText(/^System/), {
      target: { value: 'payments' },
    });
    fireEvent.change(screen.getByLabelText(/^Reason/), {
      target: { value: 'Incident INC-42' },
    });
    fireEvent.change(screen.getByLabelText('Start'), {
      target: { value: '2026-06-10T08:00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    await waitFor(() => expect(onDeclared).toHaveBeenCalledWith(lockdown));
    expect(declareLockdown).toHaveBeenCalledWith({
      entityRef: 'system:default/payments',
      reason: 'Incident INC-42',
      start: new Date('2026-06-10T08:00').toISOString(),
    });
  });

  it('shows the refusal of the server, as it words it', async () => {
    const declareLockdown = jest.fn(async () => {
      throw new Error(
        'Only the CTO may declare a lockdown, and you do not hold the CTO role',
      );
    });
    await renderWith(
      { declareLockdown },
      <DeclareLockdownDialog open onClose={() => {}} onDeclared={jest.fn()} />,
    );
    fireEvent.change(screen.getByLabelText(/^Reason/), {
      target: { value: 'Peak week' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Declare' }));
    expect(
      await screen.findByText(/Only the CTO may declare a lockdown/),
    ).toBeInTheDocument();
    expect(declareLockdown).toHaveBeenCalledWith({
      reason: 'Peak week',
      start: expect.any(String),
    });
  });
});

describe('LockdownPanel', () => {
  it('lifts an active lockdown and asks again', async () => {
    const listLockdowns = jest
      .fn()
      .mockResolvedValueOnce({ items: [lockdown], canDeclare: true })
      .mockResolvedValue({ items: [], canDeclare: true });
    const liftLockdown = jest.fn(async () => lockdown);
    await renderWith({ listLockdowns, liftLockdown }, <LockdownPanel />);
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Lift the lockdown: Incident INC-42',
      }),
    );
    await waitFor(() =>
      expect(screen.queryByText(/Production lockdown/)).not.toBeInTheDocument(),
    );
    expect(liftLockdown).toHaveBeenCalledWith(lockdown.id);
    expect(listLockdowns).toHaveBeenCalledTimes(2);
    expect(
      screen.getByRole('button', { name: 'Declare a lockdown' }),
    ).toBeInTheDocument();
  });

  it('offers neither Lift nor Declare to whom the server says is not the CTO', async () => {
    const listLockdowns = jest.fn(async () => ({
      items: [lockdown],
      canDeclare: false,
    }));
    await renderWith({ listLockdowns }, <LockdownPanel />);
    expect(
      await screen.findByText(/Production lockdown: Incident INC-42/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Lift/ })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Declare a lockdown' }),
    ).toBeNull();
  });
});
