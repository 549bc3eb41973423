import {
  catalogApiRef,
  entityPresentationApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { Route, Routes } from 'react-router-dom';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { RaiseChangeDialog } from '../RaiseChangeDialog';
import { ChangePage } from './ChangePage';
import {
  asDetail,
  catalogEntities,
  emergencyChange,
  fakeApi,
  renderPage,
  standardChange,
} from './__testUtils__/fakeApi';

// Dialogs driven with userEvent take seconds when suites share two cores.
jest.setTimeout(90_000);

// Production as the server's freeze calendar has it: frozen until 2027.
const FREEZE = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
  timeZone: 'UTC',
};
const frozen = {
  frozen: true,
  timeZone: 'UTC',
  window: { start: FREEZE.start, end: FREEZE.end },
};

/** A phone: MUI's `down('xs')` queries match. */
function onPhone() {
  const matchMedia = window.matchMedia;
  window.matchMedia = jest.fn().mockImplementation((query: string) => ({
    matches: query.includes('max-width'),
    media: query,
    addListener: jest.fn(),
    removeListener: jest.fn(),
    addEventListener: jest.fn(),
    removeEventListener: jest.fn(),
  }));
  return () => {
    window.matchMedia = matchMedia;
  };
}

describe('ChangePage: its header', () => {
  it("names an emergency's incident and its severity beside the title", async () => {
    const awaiting: ChangeView = {
      ...emergencyChange,
      state: 'awaiting_approval',
      allowedActions: ['approve', 'reject'],
    };
    await renderPage(fakeApi(awaiting));

    const heading = await screen.findByRole('heading', {
      name: awaiting.title,
    });
    expect(
      within(heading.parentElement!).getByText('Emergency INC-7 · P1'),
    ).toBeInTheDocument();
  });
});

describe('ChangePage on a phone', () => {
  it('says where the change stands and who acts next before the steps', async () => {
    const restore = onPhone();
    try {
      await renderPage(fakeApi());
      const next = await screen.findByText('Waiting for CTO approval');
      const steps = screen.getByText('Draft').closest('.MuiStepper-root')!;
      expect(
        // eslint-disable-next-line no-bitwise
        next.compareDocumentPosition(steps) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
      const summary = screen.getByText(/^Step 3 of 8/);
      expect(
        // eslint-disable-next-line no-bitwise
        summary.compareDocumentPosition(steps) &
          Node.DOCUMENT_POSITION_FOLLOWING,
      ).toBeTruthy();
    } finally {
      restore();
    }
  });
});

describe('ChangePage of a change the freeze holds back', () => {
  const ready: ChangeView = {
    ...standardChange,
    state: 'ready_for_production',
    allowedActions: ['deploy', 'cancel'],
  };

  it('raises an emergency from the change, its record in the form', async () => {
    const api = fakeApi(ready);
    api.getChange.mockResolvedValue(asDetail(ready, FREEZE));
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Raise an emergency from this change',
      }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: 'Raise a change',
    });
    expect(
      within(dialog).getByRole('button', { name: /Type/ }),
    ).toHaveTextContent('Emergency (hotfix)');
    expect(within(dialog).getByLabelText(/^Title/)).toHaveValue(ready.title);
    expect(
      within(dialog).getByLabelText(/^What is changing and why/),
    ).toHaveValue(ready.description);
    expect(
      within(dialog).getByLabelText(/^Risks and potential side effects/),
    ).toHaveValue(ready.risks);
    expect(
      within(dialog).getByLabelText(/^How it was tested locally/),
    ).toHaveValue(ready.testingNotes);
    expect(
      await within(dialog).findByText('Payments service'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Incident reference/)).toHaveValue(
      '',
    );
  });
});

describe('ChangePage: approving an emergency in a freeze', () => {
  const awaiting: ChangeView = {
    ...emergencyChange,
    state: 'awaiting_approval',
    affectedEntityRefs: ['component:default/checkout'],
    allowedActions: ['approve', 'reject'],
  };

  it('names the freeze override the approval lets through', async () => {
    const api = fakeApi(awaiting);
    api.getFreeze.mockResolvedValue(frozen);
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Approve' });
    expect(
      await within(dialog).findByText('Freeze override'),
    ).toBeInTheDocument();
    expect(dialog).toHaveTextContent(
      'Production is frozen from 2026-10-01 to 2026-12-31 (UTC). Once you approve, this emergency may deploy through it',
    );
    expect(api.getFreeze).toHaveBeenCalledWith({
      entityRef: 'component:default/checkout',
    });
  });

  it('names none while production is open', async () => {
    const api = fakeApi(awaiting);
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Approve' });
    await waitFor(() => expect(api.getFreeze).toHaveBeenCalled());
    expect(within(dialog).queryByText('Freeze override')).toBeNull();
  });

  it('names none for a standard change', async () => {
    const api = fakeApi(standardChange);
    api.getFreeze.mockResolvedValue(frozen);
    await renderPage(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Approve' });
    expect(within(dialog).queryByText('Freeze override')).toBeNull();
    expect(api.getFreeze).not.toHaveBeenCalled();
  });
});

describe('A change just raised', () => {
  it('opens on its page with the focus on its heading', async () => {
    const created = { ...standardChange, state: 'draft' as const, version: 1 };
    const api: Partial<ChangeManagementApi> = {
      ...fakeApi(standardChange),
      createChange: jest.fn().mockResolvedValue(created),
      act: jest.fn().mockResolvedValue({ ...standardChange, version: 2 }),
    };
    // The form as the user left it for this tab, complete.
    window.sessionStorage.setItem(
      'change-management:raise-change:component:default/payments-service',
      JSON.stringify({
        type: 'standard',
        title: standardChange.title,
        description: standardChange.description,
        risks: standardChange.risks,
        testingNotes: standardChange.testingNotes,
        pullRequestUrl: standardChange.pullRequestUrl,
        incidentRef: '',
        severity: '',
        proposedFix: '',
        affectedEntityRefs: standardChange.affectedEntityRefs,
      }),
    );
    const catalogApi = new InMemoryCatalogClient({ entities: catalogEntities });
    await renderInTestApp(
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
        <Routes>
          <Route
            path="/"
            element={
              <RaiseChangeDialog
                open
                onClose={() => {}}
                entityRef="component:default/payments-service"
              />
            }
          />
          <Route
            path="/change-management/changes/:id"
            element={<ChangePage />}
          />
        </Routes>
      </TestApiProvider>,
      {
        mountedRoutes: {
          '/change-management': rootRouteRef,
          '/catalog/:namespace/:kind/:name': entityRouteRef,
        },
      },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));

    const heading = await screen.findByRole('heading', {
      name: standardChange.title,
    });
    await waitFor(() => expect(heading).toHaveFocus());
    window.sessionStorage.clear();
  });
});
