import { expect, test } from '@playwright/test';
import { api, SCREENSHOTS, signIn } from './helpers';

/**
 * The SOP reaches people: alice submits a change, and bob, in her group,
 * finds it in the notifications page behind the sidebar's bell and follows
 * it to the change page.
 */
test('bob is told when alice submits, and follows the notification', async ({
  browser,
  request,
}) => {
  const title = `Rotate the PSP API key ${Date.now()}`;
  const created = await api(request, 'alice', 'post', '/changes', {
    type: 'standard',
    title,
    description: 'The key leaked into a log.',
    risks: 'Calls fail until the new key is live.',
    testingNotes: 'Rotated in the sandbox.',
    pullRequestUrl: 'https://github.com/acme/payments-service/pull/77',
    affectedEntityRefs: ['component:default/payments-service'],
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const submitted = await api(
    request,
    'alice',
    'post',
    `/changes/${id}/actions`,
    {
      action: 'submit',
      version: 1,
    },
  );
  expect(submitted.status()).toBe(200);

  const bob = await signIn(browser, 'bob');
  await bob.getByRole('link', { name: /Notifications/ }).click();
  const notice = bob.getByText(`Change waits on your review: ${title}`);
  await expect(notice).toBeVisible();
  await bob.screenshot({ path: `${SCREENSHOTS}/notifications.png` });
  await notice.click();
  await expect(bob).toHaveURL(new RegExp(`/change-management/changes/${id}$`));
  await expect(bob.getByRole('heading', { name: title })).toBeVisible();
});
