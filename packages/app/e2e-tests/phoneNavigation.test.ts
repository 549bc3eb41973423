import { expect, Locator, Page, test } from '@playwright/test';
import { api, openAs, SCREENSHOTS, setClock, signIn } from './helpers';

const PHONE = { width: 390, height: 844 };

/** Nothing is wider than the screen, so nothing needs a sideways scroll. */
async function expectNoSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
  ).toBeLessThanOrEqual(PHONE.width);
}

/** How many lines an inline text is broken into: one box a line. */
async function linesOf(text: Locator) {
  return text.evaluate(element => {
    // A block has one box whatever its lines: only an inline text tells.
    if (window.getComputedStyle(element).display !== 'inline') {
      throw new Error(`${element.tagName} is not inline`);
    }
    return element.getClientRects().length;
  });
}

/** alice raises and submits a change: bob, in her group, is to review it. */
async function changeForBob(request: Parameters<typeof api>[0], title: string) {
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
    { action: 'submit', version: 1 },
  );
  expect(submitted.status()).toBe(200);
  return id as string;
}

test('on a phone, the menu leads to the notifications, counted, and the page reads', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-06-10T09:00:00.000Z');
  const title = `Rotate the PSP API key on a phone ${Date.now()}`;
  await changeForBob(request, title);

  const bob = await signIn(browser, 'bob', PHONE);
  await bob.getByTestId('mobile-sidebar-root').getByLabel('Menu').click();
  // The count is in each item's name, as a screen reader says it.
  await expect(
    bob.getByRole('link', { name: /^Changes, \d+ waiting for you$/ }),
  ).toBeVisible();
  const notifications = bob.getByRole('link', {
    name: /^Notifications, \d+ unread$/,
  });
  await expect(notifications).toBeVisible();
  await bob.screenshot({ path: `${SCREENSHOTS}/phone-menu.png` });
  await notifications.click();

  const notice = bob.getByText(`Change waits on your review: ${title}`);
  await expect(notice).toBeVisible();
  await expectNoSidewaysScroll(bob);
  await bob.screenshot({
    path: `${SCREENSHOTS}/phone-notifications.png`,
    fullPage: true,
  });
  // Three words a line at least, not one word a line.
  const words = (await notice.innerText()).split(/\s+/).length;
  expect(await linesOf(notice)).toBeLessThanOrEqual(words / 3);
});

test('on a phone, the portal tabs show that they scroll, and a change says who acts next first', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-06-10T09:00:00.000Z');
  const id = await changeForBob(request, `Tabs on a phone ${Date.now()}`);
  const alice = await openAs(browser, 'alice', '/change-management', PHONE);
  const tabs = alice.getByRole('tablist', { name: 'Change lists' });
  await expect(tabs).toBeVisible();
  // MUI's arrows have no role: they are the tab bar's first and last parts.
  const arrows = alice.locator('.MuiTabs-root .MuiTabs-scrollButtons');
  await expect(arrows).toHaveCount(2);
  await expect(arrows.last()).toBeVisible();
  const scrolled = () =>
    alice
      .locator('.MuiTabs-scroller')
      .evaluate(scroller => scroller.scrollLeft);
  expect(await scrolled()).toBe(0);
  await arrows.last().click();
  await expect.poll(scrolled).toBeGreaterThan(0);
  await expect(alice.getByRole('tab', { name: 'All' })).toBeInViewport();
  await expectNoSidewaysScroll(alice);

  await alice.goto(`/change-management/changes/${id}`);
  const next = alice.getByText(
    'Waiting for a peer review by an engineer other than',
  );
  await expect(next).toBeInViewport();
  const [sentence, steps] = await Promise.all([
    next.boundingBox(),
    alice.locator('.MuiStepper-root').boundingBox(),
  ]);
  expect(sentence!.y).toBeLessThan(steps!.y);
  await alice.screenshot({
    path: `${SCREENSHOTS}/phone-change-page.png`,
    fullPage: true,
  });
});
