import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  drive,
  expectAccessible,
  SCREENSHOTS,
  setClock,
  signIn,
} from './helpers';

/**
 * Backstage search finds a change: the search module's collator indexes the
 * changes every few seconds here (app-config.e2e.yaml), beside the
 * catalog's entities, and the search page lists it with the plugin's result
 * item, linked to its page.
 */
test.describe.configure({ timeout: 180_000 });

test('a search for "refund" finds the change, with its type and state', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-06-10T09:00:00.000Z');
  const title = `Refund the double charges of March ${Date.now()}`;
  const id = await drive(
    request,
    {
      type: 'standard',
      title,
      description: 'A retry charged some cards twice; this refunds them.',
      risks: 'A refund paid twice.',
      testingNotes: 'Replayed the March charges against the PSP sandbox.',
      pullRequestUrl: 'https://github.com/acme/payments-service/pull/97',
      affectedEntityRefs: ['component:default/payments-service'],
    },
    [['alice', 'submit', {}]],
  );

  const alice = await signIn(browser, 'alice', DESKTOP);
  const result = alice.getByRole('link', { name: title });
  // The index is rebuilt on a schedule, so the first searches may come
  // before the new change is in it.
  await expect(async () => {
    await alice.goto('/search');
    await alice.getByTestId('search-bar-next').locator('input').fill('refund');
    await expect(result).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 120_000 });

  const item = alice.getByRole('listitem').filter({ has: result });
  await expect(item).toContainText('Type: Standard');
  await expect(item).toContainText('State: In review');
  // Only the plugin's own results: Backstage's search page itself fails axe
  // (its list items sit outside a list, its catalog results' grey text).
  await expectAccessible(alice, {
    within: '[data-testid="change-search-result"]',
  });
  await alice.screenshot({ path: `${SCREENSHOTS}/search-refund.png` });

  await result.click();
  await expect(alice).toHaveURL(
    new RegExp(`/change-management/changes/${id}$`),
  );
  await expect(alice.getByRole('heading', { name: title })).toBeVisible();
});
