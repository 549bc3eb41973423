import { expect, test } from '@playwright/test';
import {
  answerStaging,
  api,
  atEachScreen,
  DESKTOP,
  drive,
  expectAccessible,
  expectState,
  fillRaiseForm,
  openAs,
  openFromMenu,
  PHONE,
  SCREENSHOTS,
  setClock,
  signIn,
  standardDraft,
  submitRaiseForm,
  takeAction,
  TO_READY_FOR_PRODUCTION,
} from '../helpers';

/**
 * The engineer's journey, the SOP's standard workflow as three people in
 * the real app: alice raises a change from a service's Changes tab and ships
 * it; bob finds it in his queue and peer-reviews it; carol (the CTO)
 * approves and signs off on the change's page (her queue is her own
 * journey). Every page and dialog on the way is checked with axe.
 */
atEachScreen("the engineer's journey", screen => {
  const title = `Upgrade the PSP SDK to v5 (${screen.name})`;
  const shots = screen === PHONE ? `${SCREENSHOTS}/390` : SCREENSHOTS;

  test('alice raises a standard change on a service and takes it to production', async ({
    browser,
    request,
  }) => {
    // Outside the October–January freeze, whatever today's date is.
    await setClock(request, '2026-06-10T09:00:00.000Z');

    const alice = await openAs(
      browser,
      'alice',
      '/catalog/default/component/payments-service/changes',
      screen,
    );
    await expect(
      alice.getByRole('button', { name: 'Raise a change' }).first(),
    ).toBeVisible();
    await expectAccessible(alice);
    await alice.screenshot({
      path: `${shots}/entity-changes-tab.png`,
      fullPage: true,
    });
    const form = await fillRaiseForm(alice, {
      title,
      description: '3DS2 support for EU cards.',
      risks: 'Refund payloads change shape.',
      testingNotes: 'Unit tests and the PSP sandbox.',
      pullRequestUrl: 'https://github.com/acme/payments-service/pull/42',
    });
    // The entity it was raised from, by its name in the catalog.
    await expect(
      form.getByText('payments-service', { exact: true }),
    ).toBeVisible();
    await expectAccessible(alice, { dialog: true });
    await alice.screenshot({ path: `${shots}/raise-change-form.png` });
    const id = await submitRaiseForm(alice);
    await expectState(request, id, 'in_review');
    // alice cannot review her own change: no button, and the API refuses
    await expect(
      alice.getByRole('button', { name: 'Review', exact: true }),
    ).toHaveCount(0);
    const refused = await api(
      request,
      'alice',
      'post',
      `/changes/${id}/actions`,
      { action: 'review', version: 2 },
    );
    expect(refused.status()).toBe(403);

    // bob finds it among what waits for him.
    const bob = await signIn(browser, 'bob', screen);
    await openFromMenu(bob, screen, 'Changes');
    const queued = bob.getByRole('link', { name: title, exact: true });
    await expect(queued).toBeVisible();
    await expectAccessible(bob);
    await queued.click();
    await expect(bob).toHaveURL(new RegExp(`/changes/${id}$`));
    await expect(
      bob.getByText(
        'Waiting for a peer review by an engineer other than Alice Adams',
      ),
    ).toBeVisible();
    await expectAccessible(bob);
    await takeAction(bob, 'Review', async dialog => {
      await dialog
        .getByLabel('Comment')
        .fill('Looks good; add a refund alert.');
      await expectAccessible(bob, { dialog: true });
    });
    await expectState(request, id, 'awaiting_approval');

    const carol = await openAs(
      browser,
      'carol',
      `/change-management/changes/${id}`,
      screen,
    );
    await takeAction(carol, 'Approve');
    await expectState(request, id, 'approved');

    await alice.reload();
    await expect(
      alice.getByText(
        'Waiting for Alice Adams or another engineer to record the staging results',
      ),
    ).toBeVisible();
    await expectAccessible(alice);
    await takeAction(alice, 'Record staging', async dialog => {
      await answerStaging(dialog);
      await expectAccessible(alice, { dialog: true });
    });
    await expectState(request, id, 'staging_verified');

    await carol.reload();
    await takeAction(carol, 'Sign off');
    await expectState(request, id, 'ready_for_production');

    await alice.reload();
    await takeAction(alice, 'Deploy', async dialog => {
      await dialog
        .getByLabel('Deployment reference')
        .fill('https://ci.example.com/runs/7');
    });
    await expectState(request, id, 'deployed');
    await takeAction(alice, 'Verify', async dialog => {
      await dialog.getByRole('radio', { name: 'Yes' }).check();
      await dialog.getByLabel('Issues encountered').fill('None');
    });
    await expectState(request, id, 'completed');
    await expect(alice.getByText('Bob Brown').first()).toBeVisible();
    await expect(alice.getByText('user:default/bob')).toHaveCount(0);
    await expectAccessible(alice);
    await alice.screenshot({
      path: `${shots}/change-page-completed.png`,
      fullPage: true,
    });
  });
});

/**
 * What issue 23 asks of the engineer's pages, failing until its fixes land
 * (each names its problem); one screen each, unless the problem is a phone's.
 */
test.describe("the engineer's journey, as issue 23 asks", () => {
  // Problem 4: the raise form's errors follow the fields, with a summary.
  test('the raise form checks each field as it is filled, and says what is missing', async ({
    browser,
    request,
  }) => {
    await setClock(request, '2026-06-10T09:00:00.000Z');
    const alice = await openAs(
      browser,
      'alice',
      '/catalog/default/component/payments-service/changes',
      DESKTOP,
    );
    await alice.getByRole('button', { name: 'Raise a change' }).first().click();
    const form = alice.getByRole('dialog', { name: 'Raise a change' });
    await form.getByRole('button', { name: 'Submit' }).click();
    // A summary, and the focus on the first field to fix.
    await expect(form.getByRole('alert')).toBeVisible();
    await expect(form.getByLabel('Title')).toBeFocused();
    await form.getByLabel('Title').fill('Tune the PSP timeouts');
    await expect(form.getByLabel('Title')).not.toHaveAttribute(
      'aria-invalid',
      'true',
    );
    // Infrastructure needs no pull request: its field says so, in no red.
    await form.getByRole('button', { name: /Type/ }).click();
    await alice.getByRole('option', { name: 'Infrastructure' }).click();
    const pr = form.getByLabel('Pull request URL (optional)');
    await expect(pr).not.toHaveAttribute('aria-invalid', 'true');
    await expect(form).not.toContainText(/pull request URL is required/i);
    await form.getByLabel('What is changing and why').fill('Faster failover.');
    await form.getByLabel('Risks and potential side effects').fill('Low.');
    await form.getByLabel('How it was tested locally').fill('Load tests.');
    await submitRaiseForm(alice);
    // The focus goes to the new page's heading, not to <body>.
    await expect(
      alice.getByRole('heading', { name: 'Tune the PSP timeouts' }),
    ).toBeFocused();
  });

  // Problem 5: a resubmitted change tells its reviewer what changed.
  test('a change resubmitted after a failed staging run shows its reviewer what changed', async ({
    browser,
    request,
  }) => {
    await setClock(request, '2026-06-10T09:00:00.000Z');
    const id = await drive(
      request,
      standardDraft('Batch the payout exports again'),
      [
        ['alice', 'submit', {}],
        ['bob', 'review', {}],
        ['carol', 'approve', {}],
        [
          'alice',
          'record-staging',
          {
            functionalTested: true,
            regressionChecked: true,
            noUnexpectedSideEffects: false,
            stagingTested: 'yes',
          },
        ],
      ],
    );
    const alice = await openAs(
      browser,
      'alice',
      `/change-management/changes/${id}`,
      DESKTOP,
    );
    await expect(alice.getByText(/^Staging failed/).first()).toBeVisible();
    // The failed run's "Staging tested: Yes" no longer stands as it was.
    await expect(
      alice.getByRole('row', { name: /^Staging tested\s+Yes$/ }),
    ).toHaveCount(0);
    await alice.getByRole('button', { name: 'Edit draft' }).click();
    const form = alice.getByRole('dialog', { name: 'Edit draft' });
    await form
      .getByLabel('Risks and potential side effects')
      .fill('Exports are delayed by up to 5 minutes.');
    await form
      .getByLabel('How it was tested locally')
      .fill('A staging run with 10,000 payouts.');
    await form.getByRole('button', { name: 'Submit' }).click();
    await expect(form).toBeHidden();
    // The toast says it went back for review, not "Draft saved".
    await expect(
      alice.getByRole('alert').filter({ hasText: /submitted/i }),
    ).toBeVisible();
    await expect(alice.getByText('Draft saved')).toHaveCount(0);
    await expectState(request, id, 'in_review');

    const bob = await openAs(
      browser,
      'bob',
      `/change-management/changes/${id}`,
      DESKTOP,
    );
    await expect(
      bob.getByText(
        /Resubmitted after a failed staging run — changed: risks, testing notes/,
      ),
    ).toBeVisible();
    await expect(
      bob.getByText('Exports are delayed by up to 5 minutes.').first(),
    ).toBeVisible();
  });

  // Problem 12: newcomers raise a change from the portal, picking a service.
  test('the portal offers "Raise a change" with an entity picker', async ({
    browser,
    request,
  }) => {
    await setClock(request, '2026-06-10T09:00:00.000Z');
    const dana = await openAs(browser, 'dana', '/change-management', DESKTOP);
    await expect(
      dana.getByRole('button', { name: 'Raise a change' }),
    ).toBeVisible();
    const form = await fillRaiseForm(dana, {
      title: 'Compress the storefront images',
      description: 'Smaller pages.',
      risks: 'Blurry images.',
      testingNotes: 'Compared locally.',
      pullRequestUrl: 'https://github.com/acme/storefront-web/pull/3',
    });
    await form.getByLabel(/Affected entities/).fill('storefront-web');
    await dana.getByRole('option', { name: /storefront-web/ }).click();
    const id = await submitRaiseForm(dana);
    await expectState(request, id, 'in_review');
  });

  // Problem 12: on a phone the one-line summary comes before the stepper.
  test('on a phone, what a change waits for shows first', async ({
    browser,
    request,
  }) => {
    await setClock(request, '2026-06-10T09:00:00.000Z');
    const id = await drive(
      request,
      standardDraft('Log the PSP latency'),
      TO_READY_FOR_PRODUCTION,
    );
    const bob = await openAs(
      browser,
      'bob',
      `/change-management/changes/${id}`,
      PHONE,
    );
    const summary = bob.getByText(/^Ready for production: /);
    await expect(summary).toBeInViewport({ ratio: 1 });
    const firstStep = bob.getByText('Draft', { exact: true });
    expect((await summary.boundingBox())!.y).toBeLessThan(
      (await firstStep.boundingBox())!.y,
    );
  });
});
