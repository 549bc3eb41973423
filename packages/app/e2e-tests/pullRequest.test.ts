import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import {
  DESKTOP,
  drive,
  expectAccessible,
  openAs,
  photograph,
  SCREENSHOTS,
  setClock,
  standardDraft,
} from './helpers';

/** The server's time in this test: June, outside the freeze. */
const NOW = '2026-06-10T10:00:00.000Z';

/**
 * The pull request the fake GitHub API of the e2e backend holds as
 * evidence (packages/backend/src/modules/e2eGithub.ts): merged, approved by
 * bob and dana (alice, its author, approved it too, which does not count),
 * its `test` check failing.
 */
const PR = 'https://github.com/acme/payments-service/pull/2020';
const FAILING = 'Checks failing on the head commit: test (failure)';

/**
 * Issue 20: the PR read as evidence at the peer review, shown to the CTO
 * in her queue, in the approve dialog and on the change page. With
 * ISSUE20_SCREENS=1 the screenshots go to docs/screenshots/issue-20/.
 */
const folder = process.env.ISSUE20_SCREENS
  ? 'docs/screenshots/issue-20'
  : SCREENSHOTS;

test.describe('the pull request as evidence', () => {
  test.describe.configure({ timeout: 300_000 });
  test.beforeAll(() => fs.mkdirSync(folder, { recursive: true }));

  test('the CTO sees the PR read at the review: in her queue, the approve dialog and on the change page', async ({
    browser,
    request,
  }) => {
    await setClock(request, NOW);
    const title = 'Upgrade the PSP SDK to v5 (PR evidence)';
    // The review reads the PR from the fake GitHub and keeps it.
    const id = await drive(
      request,
      { ...standardDraft(title), pullRequestUrl: PR },
      [
        ['alice', 'submit', {}],
        ['bob', 'review', {}],
      ],
    );

    const carol = await openAs(browser, 'carol', '/change-management', DESKTOP);
    const row = carol.getByRole('row').filter({
      has: carol.getByRole('link', { name: title, exact: true }),
    });
    await expect(
      row.getByRole('list', { name: 'Pull request warnings' }),
    ).toContainText(FAILING);
    await expectAccessible(carol);
    await carol.screenshot({ path: `${folder}/queue-pull-request-1440.png` });

    await row.getByRole('link', { name: title, exact: true }).click();
    await expect(carol).toHaveURL(new RegExp(`/changes/${id}$`));
    const card = carol
      .locator('.MuiCard-root')
      .filter({ has: carol.getByRole('heading', { name: 'Pull request' }) });
    await expect(
      card.getByRole('link', {
        name: 'acme/payments-service#2020: Upgrade the PSP SDK to v5',
      }),
    ).toBeVisible();
    await expect(card).toContainText('Merged');
    await expect(card).toContainText('by alice');
    await expect(card.getByText(FAILING)).toBeVisible();
    const approvals = card.getByRole('list', { name: 'Approving reviews' });
    await expect(approvals.getByRole('listitem')).toHaveCount(2);
    await expect(approvals).toContainText('bob');
    await expect(approvals).toContainText('dana');
    await expect(approvals).not.toContainText('alice');
    const checks = card.getByRole('list', {
      name: 'Checks on the head commit',
    });
    await expect(checks).toContainText('build: success');
    await expect(checks).toContainText('test: failure');
    await expect(checks).toContainText('lint: success');
    await expectAccessible(carol);
    await card.scrollIntoViewIfNeeded();
    await photograph(carol, `${folder}/change-page-pull-request-1440.png`);

    await carol.getByRole('button', { name: 'Approve', exact: true }).click();
    const dialog = carol.getByRole('dialog', { name: 'Approve' });
    await expect(dialog.getByRole('alert')).toContainText(FAILING);
    await expect(dialog.getByRole('alert')).toContainText(
      'Pull request #2020, as read',
    );
    await expectAccessible(carol, { dialog: true });
    await carol.screenshot({
      path: `${folder}/approve-dialog-pull-request-1440.png`,
    });
  });
});
