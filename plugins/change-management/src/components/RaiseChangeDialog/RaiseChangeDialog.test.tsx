import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { RaiseChangeDialog } from './RaiseChangeDialog';

// Typing into many fields with userEvent takes a few seconds.
jest.setTimeout(30_000);

const created = { id: 'c1', version: 1, state: 'draft' };

async function renderDialog(api: Partial<ChangeManagementApi>) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [changeManagementApiRef, api],
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              {
                apiVersion: 'backstage.io/v1alpha1',
                kind: 'Resource',
                metadata: { name: 'payments-db', namespace: 'default' },
              },
            ],
          }),
        ],
      ]}
    >
      <RaiseChangeDialog
        open
        onClose={jest.fn()}
        entityRef="component:default/payments-service"
      />
    </TestApiProvider>,
    { mountedRoutes: { '/change-management': rootRouteRef } },
  );
}

async function fillStandard() {
  await userEvent.type(screen.getByLabelText(/Title/), 'Upgrade the PSP SDK');
  await userEvent.type(
    screen.getByLabelText('What is changing and why'),
    'For 3DS2',
  );
  await userEvent.type(
    screen.getByLabelText('Risks and potential side effects'),
    'Refunds',
  );
  await userEvent.type(
    screen.getByLabelText('How it was tested locally'),
    'Sandbox',
  );
}

describe('RaiseChangeDialog', () => {
  it('starts with the current entity affected and saves a draft', async () => {
    const api = {
      createChange: jest.fn().mockResolvedValue(created),
      act: jest.fn(),
    };
    await renderDialog(api);
    expect(
      screen.getByText('component:default/payments-service'),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText(/Title/), 'Just an idea');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(api.createChange).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'standard',
        title: 'Just an idea',
        affectedEntityRefs: ['component:default/payments-service'],
      }),
    );
    expect(api.act).not.toHaveBeenCalled();
  });

  it('submits a complete standard change for review', async () => {
    const api = {
      createChange: jest.fn().mockResolvedValue(created),
      act: jest.fn().mockResolvedValue({ ...created, version: 2 }),
    };
    await renderDialog(api);
    await fillStandard();
    await userEvent.type(
      screen.getByLabelText('Pull request URL'),
      'https://github.com/acme/payments/pull/1',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(api.act).toHaveBeenCalledWith('c1', {
      action: 'submit',
      version: 1,
    });
  });

  it('names what a submit still lacks without calling the API', async () => {
    const api = { createChange: jest.fn(), act: jest.fn() };
    await renderDialog(api);
    await userEvent.type(screen.getByLabelText(/Title/), 'Half a change');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(
      await screen.findByText(
        /To submit, add: description \(what and why\), risks/,
      ),
    ).toBeInTheDocument();
    expect(api.createChange).not.toHaveBeenCalled();
  });

  it('asks an emergency for the incident and the proposed fix, not a PR', async () => {
    await renderDialog({ createChange: jest.fn(), act: jest.fn() });
    expect(screen.getByLabelText('Pull request URL')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Type/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Emergency (hotfix)' }),
    );
    expect(screen.queryByLabelText('Pull request URL')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Incident reference')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Incident severity/ }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Proposed fix')).toBeInTheDocument();
  });

  it("shows the server's 400 message beside its field", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'InputError',
          message:
            'Invalid request: pullRequestUrl: Pull request URL must start with http:// or https://',
        },
        response: { statusCode: 400 },
      }),
      { status: 400, headers: { 'Content-Type': 'application/json' } },
    );
    const error = await ResponseError.fromResponse(response as any);
    await renderDialog({
      createChange: jest.fn().mockRejectedValue(error),
      act: jest.fn(),
    });
    await userEvent.type(screen.getByLabelText(/Title/), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(
      await screen.findByText(
        'Pull request URL must start with http:// or https://',
      ),
    ).toBeInTheDocument();
  });
});
