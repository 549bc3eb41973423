import { APIRequestContext, Browser, expect, test } from '@playwright/test';
import {
  answerStaging,
  api,
  expectState,
  SCREENSHOTS,
  setClock,
  signIn,
  takeAction,
} from './helpers';

/**
 * The SOP's standard workflow, as three people in the real app: alice
 * raises and ships, bob peer-reviews, carol (the CTO) approves and signs off.
 */
for (const viewport of [undefined, { width: 390, height: 844 }]) {
  test(`the whole standard path, as three people${
    viewport ? ` at ${viewport.width}×${viewport.height}` : ''
  }`, async ({ browser, request }) => {
    await standardPath(browser, request, viewport);
  });
}

async function standardPath(
  browser: Browser,
  request: APIRequestContext,
  viewport?: { width: number; height: number },
) {
  const shots = viewport ? `${SCREENSHOTS}/${viewport.width}` : SCREENSHOTS;
  // Outside the October–January freeze, whatever today's date is.
  await setClock(request, '2026-06-10T09:00:00.000Z');

  const alice = await signIn(browser, 'alice', viewport);
  await alice.goto('/catalog/default/component/payments-service/changes');
  await alice.screenshot({
    path: `${shots}/entity-changes-tab.png`,
    fullPage: true,
  });
  await alice.getByRole('button', { name: 'Raise a change' }).first().click();
  const form = alice.getByRole('dialog', { name: 'Raise a change' });
  await form.getByLabel('Title').fill('Upgrade the PSP SDK to v5');
  await form
    .getByLabel('What is changing and why')
    .fill('3DS2 support for EU cards.');
  await form
    .getByLabel('Risks and potential side effects')
    .fill('Refund payloads change shape.');
  await form
    .getByLabel('How it was tested locally')
    .fill('Unit tests and the PSP sandbox.');
  await form
    .getByLabel('Pull request URL')
    .fill('https://github.com/acme/payments-service/pull/42');
  // The entity it was raised from, by its name in the catalog.
  await expect(
    form.getByText('payments-service', { exact: true }),
  ).toBeVisible();
  await alice.screenshot({ path: `${shots}/raise-change-form.png` });
  await form.getByRole('button', { name: 'Submit' }).click();

  await expect(alice).toHaveURL(/\/change-management\/changes\/[0-9a-f-]{36}$/);
  const id = alice.url().split('/').pop()!;
  await expectState(request, id, 'in_review');
  // alice cannot review her own change: no button, and the API refuses
  await expect(
    alice.getByRole('button', { name: 'Review', exact: true }),
  ).toHaveCount(0);
  const refused = await api(
    request,
    'alice',
    'post',
    `/changes/${id}/actions`,
    {
      action: 'review',
      version: 2,
    },
  );
  expect(refused.status()).toBe(403);

  const bob = await signIn(browser, 'bob', viewport);
  await bob.goto(`/change-management/changes/${id}`);
  await expect(
    bob.getByText(
      'Waiting for a peer review by an engineer other than Alice Adams',
    ),
  ).toBeVisible();
  await takeAction(bob, 'Review', async dialog => {
    await dialog.getByLabel('Comment').fill('Looks good; add a refund alert.');
  });
  await expectState(request, id, 'awaiting_approval');

  const carol = await signIn(browser, 'carol', viewport);
  await carol.goto(`/change-management/changes/${id}`);
  await takeAction(carol, 'Approve');
  await expectState(request, id, 'approved');

  await alice.reload();
  await expect(
    alice.getByText(
      'Waiting for Alice Adams or another engineer to record the staging results',
    ),
  ).toBeVisible();
  await takeAction(alice, 'Record staging', dialog => answerStaging(dialog));
  await expectState(request, id, 'staging_verified');

  await carol.reload();
  await takeAction(carol, 'Sign off');
  await expectState(request, id, 'ready_for_production');

  await alice.reload();
  await takeAction(alice, 'Deploy', async dialog => {
    await dialog
      .getByLabel('Deployment reference')
      .fill('https://ci.example.com/runs/7');
  });
  await expectState(request, id, 'deployed');
  await takeAction(alice, 'Verify', async dialog => {
    await dialog.getByRole('radio', { name: 'Yes' }).check();
    await dialog.getByLabel('Issues encountered').fill('None');
  });
  await expectState(request, id, 'completed');
  await expect(alice.getByText('Bob Brown').first()).toBeVisible();
  await expect(alice.getByText('user:default/bob')).toHaveCount(0);
  await alice.screenshot({
    path: `${shots}/change-page-completed.png`,
    fullPage: true,
  });
}
