import { expect, Page, test } from '@playwright/test';
import { SCREENSHOTS, signIn } from './helpers';

const PHONE = { width: 390, height: 844 };

/** Nothing is wider than the screen, so nothing needs a sideways scroll. */
async function expectNoSidewaysScroll(page: Page) {
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
  ).toBeLessThanOrEqual(PHONE.width);
}

test('the Changes tab and the portal work on a 390 px phone', async ({
  browser,
}) => {
  const alice = await signIn(browser, 'alice');
  await alice.setViewportSize(PHONE);

  await alice.goto('/catalog/default/system/payments/changes');
  await expect(
    alice.getByRole('button', { name: 'Raise a change' }).first(),
  ).toBeInViewport();
  await expectNoSidewaysScroll(alice);
  await alice.screenshot({
    path: `${SCREENSHOTS}/phone-system-tab.png`,
    fullPage: true,
  });

  await alice.goto('/change-management');
  await expect(alice.getByRole('tab', { name: /^My changes/ })).toBeVisible();
  await expectNoSidewaysScroll(alice);
  await alice.screenshot({
    path: `${SCREENSHOTS}/phone-portal.png`,
    fullPage: true,
  });
});
