import { expect, test } from '@playwright/test';

test('an entity page of the built app has a Changes tab', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: /alice/ }).click();

  await page.goto('/catalog/default/component/payments-service');
  const tab = page.getByRole('link', { name: 'Changes', exact: true });
  await expect(tab).toBeVisible();

  await tab.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-service\/changes$/,
  );
  await expect(page.getByText('No changes yet')).toBeVisible();
  await page.screenshot({
    path: 'e2e-artifacts/screenshots/entity-changes-tab.png',
    fullPage: true,
  });
});
