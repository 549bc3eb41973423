import { expect, test } from '@playwright/test';
import { api, signIn } from './helpers';

/**
 * A change title from the attack on the API: markup, a markdown link to
 * javascript: and a right-to-left override. bob's notice shows it as plain
 * text, without the override, and nothing in it runs or links.
 */
test('a notice shows a hostile title as plain text', async ({
  browser,
  request,
}) => {
  const stamp = Date.now();
  const title = `<img src=x onerror="window.pwned=1"> [open](javascript:window.pwned=2) \u202Etxt.exe ${stamp}`;
  const created = await api(request, 'alice', 'post', '/changes', {
    type: 'standard',
    title,
    description: 'Hostile title.',
    risks: 'None.',
    testingNotes: 'None.',
    pullRequestUrl: 'https://github.com/acme/payments-service/pull/78',
    affectedEntityRefs: ['component:default/payments-service'],
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const submitted = await api(
    request,
    'alice',
    'post',
    `/changes/${id}/actions`,
    { action: 'submit', version: 1 },
  );
  expect(submitted.status()).toBe(200);

  const bob = await signIn(browser, 'bob');
  await bob.getByRole('link', { name: /Notifications/ }).click();
  const notice = bob.getByText(
    `Change waits on your review: <img src=x onerror="window.pwned=1"> [open] (javascript:window.pwned=2) txt.exe ${stamp}`,
    { exact: true },
  );
  await expect(notice).toBeVisible();
  // Shown as text: no element, no link, no override, nothing ran.
  await expect(bob.locator('img[src="x"]')).toHaveCount(0);
  await expect(bob.locator('a[href^="javascript:" i]')).toHaveCount(0);
  expect(await bob.locator('body').innerText()).not.toMatch(
    /[\u202a-\u202e\u2066-\u2069]/,
  );
  expect(
    await bob.evaluate(() => (window as unknown as { pwned?: number }).pwned),
  ).toBeUndefined();
});
