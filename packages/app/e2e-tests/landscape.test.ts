import { expect, test } from '@playwright/test';
import {
  atEachScreen,
  drive,
  emergencyDraft,
  EMERGENCY_TO_RETROSPECTIVE,
  expectAccessible,
  PHONE,
  SCREENSHOTS,
  setClock,
  signIn,
} from './helpers';

/** When this test's hotfix is deployed: in the freeze, on a day of its own. */
const DEPLOYED_AT = '2026-12-16T09:00:00.000Z';

/**
 * The change landscape (issue 21): ops open the payments System's calendar
 * during the freeze and see the freeze window and an emergency deployed
 * through it, marked as one. The address names the day the calendar opens
 * on, so that it shows the deploy whatever today's date is.
 */
atEachScreen('the payments calendar in the freeze', screen => {
  const shots = screen === PHONE ? `${SCREENSHOTS}/390` : SCREENSHOTS;
  const hotfix = `Hotfix: card declines on retry (${screen.name})`;

  test('ops see the freeze and a deployed emergency on the calendar', async ({
    browser,
    request,
  }) => {
    await setClock(request, DEPLOYED_AT);
    // Submitted, approved, deployed and verified: not yet documented.
    await drive(
      request,
      emergencyDraft(hotfix, 'INC-7301'),
      EMERGENCY_TO_RETROSPECTIVE.slice(0, 4),
    );

    const oscar = await signIn(browser, 'oscar', screen);
    await oscar.goto(
      `/catalog/default/system/payments/changes?show=calendar&date=${DEPLOYED_AT.slice(
        0,
        10,
      )}`,
    );
    if (screen === PHONE) {
      // A phone opens the agenda: a list, not a grid to scroll sideways.
      await expect(
        oscar.getByRole('button', { name: 'Agenda', exact: true }),
      ).toHaveAttribute('class', /rbc-active/);
      const scrolls = await oscar.evaluate(
        () => document.documentElement.scrollWidth > window.innerWidth,
      );
      expect(scrolls).toBe(false);
    }
    // The calendar is a chunk of its own, loaded on first use.
    await expect(oscar.getByText(/^Freeze /).first()).toBeVisible({
      timeout: 60_000,
    });
    const deployed = oscar.getByRole('link', { name: hotfix });
    await expect(deployed).toBeVisible();
    await expect(deployed).toContainText('Emergency');
    await expectAccessible(oscar);
    await oscar.screenshot({ path: `${shots}/payments-calendar.png` });

    await deployed.click();
    await expect(oscar.getByRole('heading', { name: hotfix })).toBeVisible();
  });
});
