import { expect, test } from '@playwright/test';
import { drive, openAs, SCREENSHOTS, setClock, takeAction } from './helpers';

/**
 * Two people on the same change: carol approves in her browser, and the page
 * alice has open shows it without a reload, pushed by the signals plugin.
 */
test('alice’s open change page shows carol’s approval within 2 seconds', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-06-10T09:00:00.000Z');
  const id = await drive(
    request,
    {
      type: 'standard',
      title: `Raise the refund limit ${Date.now()}`,
      description: 'Refunds over 5,000 EUR need no manual step.',
      risks: 'A large refund by mistake.',
      testingNotes: 'Tested against the PSP sandbox.',
      pullRequestUrl: 'https://github.com/acme/payments-service/pull/91',
      affectedEntityRefs: ['component:default/payments-service'],
    },
    [
      ['alice', 'submit', {}],
      ['bob', 'review', {}],
    ],
  );

  const alice = await openAs(
    browser,
    'alice',
    `/change-management/changes/${id}`,
  );
  const state = alice
    .getByRole('table', { name: 'Change record' })
    .getByRole('row', { name: /^State/ });
  await expect(state).toContainText('Awaiting approval');

  const carol = await openAs(
    browser,
    'carol',
    `/change-management/changes/${id}`,
  );
  await takeAction(carol, 'Approve');

  // From the moment carol's approval is answered; alice never reloads.
  await expect(state).toContainText('Approved', { timeout: 2_000 });
  await alice.screenshot({ path: `${SCREENSHOTS}/live-update.png` });
  await carol.screenshot({ path: `${SCREENSHOTS}/live-update-carol.png` });
});
