import { expect, test } from '@playwright/test';
import {
  answerStaging,
  api,
  expectAccessible,
  expectState,
  openAs,
  SCREENSHOTS,
  setClock,
} from './helpers';

/**
 * The pages people use, checked with axe and photographed for the closing
 * note: the change page (wide and at 390 px), the staging dialog with a
 * failed check and its confirmation, the portal and the entity tab at 390 px.
 */
test('the change page, the portal and the entity tab are accessible', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-06-10T09:00:00.000Z');
  const created = await (
    await api(request, 'alice', 'post', '/changes', {
      type: 'standard',
      title: 'Upgrade the PSP SDK to v5',
      description: '3DS2 support for EU cards.',
      risks: 'Refund payloads change shape.',
      testingNotes: 'Unit tests and the PSP sandbox.',
      pullRequestUrl: 'https://github.com/acme/payments-service/pull/42',
      affectedEntityRefs: ['component:default/payments-service'],
    })
  ).json();
  let version = created.version;
  for (const [user, action] of [
    ['alice', 'submit'],
    ['bob', 'review'],
    ['carol', 'approve'],
  ]) {
    const res = await api(
      request,
      user,
      'post',
      `/changes/${created.id}/actions`,
      { action, version },
    );
    expect(res.status()).toBe(200);
    version = (await res.json()).version;
  }

  const alice = await openAs(
    browser,
    'alice',
    `/change-management/changes/${created.id}`,
    { width: 1280, height: 900 },
  );
  const record = alice.getByRole('button', {
    name: 'Record staging',
    exact: true,
  });
  await expect(record).toBeVisible();
  await expect(alice.getByText('Carol Chen (CTO)').first()).toBeVisible();
  await expectAccessible(alice);
  await alice.screenshot({
    path: `${SCREENSHOTS}/change-page.png`,
    fullPage: true,
  });

  await record.click();
  const dialog = alice.getByRole('dialog', { name: 'Record staging' });
  await answerStaging(dialog, 'Yes', ['No unexpected side effects']);
  await alice.screenshot({ path: `${SCREENSHOTS}/staging-dialog.png` });
  await dialog
    .getByRole('button', { name: 'Record staging', exact: true })
    .click();
  await expect(
    dialog.getByText('Failed: No unexpected side effects'),
  ).toBeVisible();
  await alice.screenshot({ path: `${SCREENSHOTS}/staging-confirm.png` });
  await dialog.getByRole('button', { name: 'Record the failure' }).click();
  await expect(dialog).toBeHidden();
  await expectState(request, created.id, 'draft');
  await expect(
    alice.getByText('Staging failed: no unexpected side effects'),
  ).toBeVisible();
  await alice.screenshot({
    path: `${SCREENSHOTS}/change-page-after-failed-staging.png`,
    fullPage: true,
  });

  await alice.goto('/change-management');
  await expect(
    alice.getByText('Upgrade the PSP SDK to v5').first(),
  ).toBeVisible();
  await expectAccessible(alice);
  await alice.screenshot({ path: `${SCREENSHOTS}/portal.png`, fullPage: true });

  await alice.setViewportSize({ width: 390, height: 844 });
  await alice.goto('/catalog/default/component/payments-service/changes');
  await expect(
    alice.getByText('Upgrade the PSP SDK to v5').first(),
  ).toBeVisible();
  await expectAccessible(alice);
  await alice.screenshot({
    path: `${SCREENSHOTS}/entity-tab-390.png`,
    fullPage: true,
  });
  await alice.goto(`/change-management/changes/${created.id}`);
  await expect(
    alice.getByText('Upgrade the PSP SDK to v5').first(),
  ).toBeVisible();
  await expectAccessible(alice);
  await alice.screenshot({
    path: `${SCREENSHOTS}/change-page-390.png`,
    fullPage: true,
  });
});
