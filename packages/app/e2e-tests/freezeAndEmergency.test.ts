import { expect, test } from '@playwright/test';
import {
  api,
  drive,
  expectState,
  SCREENSHOTS,
  setClock,
  signIn,
  takeAction,
  TO_READY_FOR_PRODUCTION,
} from './helpers';

const standard = {
  type: 'standard',
  title: 'Redesign the checkout page',
  description: 'New layout for the basket.',
  risks: 'Conversion could drop.',
  testingNotes: 'Storybook and local runs.',
  pullRequestUrl: 'https://github.com/acme/payments-service/pull/43',
  affectedEntityRefs: ['component:default/payments-service'],
};

/** Drives a standard change to ready_for_production through the API. */
const readyToDeploy = (request: Parameters<typeof api>[0]) =>
  drive(request, standard, TO_READY_FOR_PRODUCTION);

test.describe.serial('the freeze', () => {
  test('refuses a standard deploy and shows the window', async ({
    browser,
    request,
  }) => {
    await setClock(request, '2026-06-10T09:00:00.000Z');
    const id = await readyToDeploy(request);
    // Into the peak-season freeze, whatever today's date is.
    await setClock(request, '2026-11-20T10:00:00.000Z');

    const alice = await signIn(browser, 'alice');
    await alice.goto(`/change-management/changes/${id}`);
    // Held before anyone fills in a dialog, with the day it reopens.
    await expect(
      alice.getByRole('button', { name: 'Deploy', exact: true }),
    ).toBeDisabled();
    await expect(
      alice.getByText(
        'Deploy is closed: production is frozen from 2026-10-01 to 2026-12-31 (UTC)',
      ),
    ).toBeVisible();
    await expect(
      alice.getByText(
        'Ready for production: deploy when the freeze ends on 2027-01-01, or raise an emergency',
      ),
    ).toBeVisible();
    await alice.screenshot({ path: `${SCREENSHOTS}/freeze-refused.png` });
    // The server refuses all the same, naming the window.
    const change = await (
      await api(request, 'alice', 'get', `/changes/${id}`)
    ).json();
    const refused = await api(
      request,
      'alice',
      'post',
      `/changes/${id}/actions`,
      { action: 'deploy', version: change.version },
    );
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.name).toBe('FreezeError');
    await expectState(request, id, 'ready_for_production');
  });

  test('lets an emergency through, then its retrospective and review', async ({
    browser,
    request,
  }) => {
    await setClock(request, '2026-11-20T10:00:00.000Z');
    const alice = await signIn(browser, 'alice');
    await alice.goto('/catalog/default/component/payments-service/changes');
    await expect(
      alice.getByText(/Deployment freeze: 2026-10-01 to 2026-12-31/),
    ).toBeVisible();
    await alice.getByRole('button', { name: 'Raise a change' }).first().click();
    const form = alice.getByRole('dialog', { name: 'Raise a change' });
    await form.getByRole('button', { name: /Type/ }).click();
    await alice.getByRole('option', { name: 'Emergency (hotfix)' }).click();
    await form.getByLabel('Title').fill('Hotfix: refunds failing with 500');
    await form
      .getByLabel('What is changing and why')
      .fill('A null currency crashes refunds.');
    await form.getByLabel('Risks and potential side effects').fill('Minimal.');
    await form
      .getByLabel('How it was tested locally')
      .fill('Reproduced and fixed locally.');
    await form.getByLabel('Incident reference').fill('INC-1042');
    await form.getByRole('button', { name: /Incident severity/ }).click();
    await alice.getByRole('option', { name: 'P1' }).click();
    await form
      .getByLabel('Proposed fix')
      .fill('Default to the order currency.');
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect(alice).toHaveURL(
      /\/change-management\/changes\/[0-9a-f-]{36}$/,
    );
    const id = alice.url().split('/').pop()!;

    const carol = await signIn(browser, 'carol');
    await carol.goto('/change-management');
    await expect(
      carol.getByText('Hotfix: refunds failing with 500'),
    ).toBeVisible();
    await carol.screenshot({
      path: `${SCREENSHOTS}/portal-needs-my-action.png`,
      fullPage: true,
    });
    await carol.goto(`/change-management/changes/${id}`);
    await takeAction(carol, 'Approve');

    await alice.reload();
    await takeAction(alice, 'Deploy');
    await expectState(request, id, 'deployed');
    const change = await (
      await api(request, 'oscar', 'get', `/changes/${id}`)
    ).json();
    expect(
      Date.parse(change.retrospectiveDueAt) - Date.parse(change.deployed.at),
    ).toBe(172_800_000);
    expect(change.exceptions.map((e: { kind: string }) => e.kind)).toEqual([
      'freeze-override',
    ]);
    await alice.reload();
    await expect(
      alice.getByText(/freeze-override|freeze override/i).first(),
    ).toBeVisible();
    await expect(alice.getByText(/Nov 22, 2026/).first()).toBeVisible();
    // The browser's clock is not the backend's test clock: due or overdue.
    await expect(
      alice.getByText(/^Retrospective (due in|overdue by) .*Nov 22, 2026/),
    ).toBeVisible();
    await alice.screenshot({
      path: `${SCREENSHOTS}/emergency-deployed.png`,
      fullPage: true,
    });

    await takeAction(alice, 'Verify', async dialog => {
      await dialog.getByRole('radio', { name: 'Yes' }).check();
    });
    await takeAction(alice, 'Document retrospective', async dialog => {
      await dialog
        .getByLabel('What changed')
        .fill('Defaulted the refund currency.');
      await dialog.getByLabel('Why').fill('INC-1042: refunds failed with 500.');
      await dialog
        .getByLabel('Approval received')
        .fill('Carol approved in the portal.');
    });
    await carol.reload();
    await takeAction(carol, 'Complete review', async dialog => {
      await dialog.getByRole('radio', { name: 'Yes' }).check();
      await dialog
        .getByLabel('Notes')
        .fill('A contract test would have caught it.');
    });
    await expectState(request, id, 'completed');
  });

  test("ops see both changes on the payments System's tab", async ({
    browser,
  }) => {
    const oscar = await signIn(browser, 'oscar');
    await oscar.goto('/catalog/default/system/payments/changes');
    await expect(
      oscar.getByText('Hotfix: refunds failing with 500'),
    ).toBeVisible();
    await expect(oscar.getByText('Redesign the checkout page')).toBeVisible();
    await expect(
      oscar.getByRole('link', { name: 'payments-service' }).first(),
    ).toBeVisible();
    await oscar.screenshot({
      path: `${SCREENSHOTS}/system-history.png`,
      fullPage: true,
    });
  });
});
