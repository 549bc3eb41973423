import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DESKTOP, openAs, PHONE, photograph, signIn } from './helpers';

/**
 * The screenshots of issue 21's closing note, on the sample history: the
 * payments System's calendar (a month, and a phone's agenda), its delivery
 * metrics, and the CTO's overview. Only photographs, on a backend that
 * seeded the sample history, so it runs only when asked:
 *
 *   ISSUE21_SCREENS=1 APP_CONFIG_changeManagement_sampleHistory_enabled=true \
 *     yarn test:e2e issue21Screens
 *
 * writes docs/screenshots/issue-21/.
 */
const folder = 'docs/screenshots/issue-21';

test.skip(
  !process.env.ISSUE21_SCREENS,
  'Set ISSUE21_SCREENS=1 (and seed the sample history) to take them',
);
test.describe.configure({ mode: 'serial', timeout: 180_000 });
test.beforeAll(() => fs.mkdirSync(folder, { recursive: true }));

const payments = '/catalog/default/system/payments/changes';

test('the payments calendar, a month and a phone agenda', async ({
  browser,
}) => {
  const oscar = await openAs(
    browser,
    'oscar',
    `${payments}?show=calendar`,
    DESKTOP,
  );
  await expect(oscar.getByText(/^Freeze /).first()).toBeVisible({
    timeout: 60_000,
  });
  await photograph(oscar, `${folder}/calendar-month-1440.png`);

  // The agenda from three weeks back: its deploys and emergencies, and the
  // freeze, rather than only what is planned ahead.
  const phone = await signIn(browser, 'oscar', PHONE);
  const from = new Date(Date.now() - 21 * 86_400_000).toISOString();
  await phone.goto(`${payments}?show=calendar&date=${from.slice(0, 10)}`);
  await expect(phone.getByText(/^Freeze /).first()).toBeVisible({
    timeout: 60_000,
  });
  await photograph(phone, `${folder}/calendar-agenda-390.png`);
});

test('the payments metrics over a year', async ({ browser }) => {
  const oscar = await openAs(browser, 'oscar', payments, DESKTOP);
  await oscar.getByRole('button', { name: /a year/i }).click();
  await expect(oscar.getByText(/change failure rate/i).first()).toBeVisible({
    timeout: 60_000,
  });
  await oscar.waitForTimeout(1500);
  await photograph(oscar, `${folder}/payments-metrics-1440.png`);
});

test("the CTO's overview", async ({ browser }) => {
  const carol = await openAs(
    browser,
    'carol',
    '/change-management?tab=overview',
    DESKTOP,
  );
  await expect(
    carol.getByRole('link', { name: /payments/i }).first(),
  ).toBeVisible({ timeout: 60_000 });
  await photograph(carol, `${folder}/cto-overview-1440.png`);
});
