import { expect, test } from '@playwright/test';
import { DESKTOP, openAs, SCREENSHOTS, setClock } from './helpers';

/**
 * The sample template "Provision a database", run in the real app: alice
 * fills it in, and its change-management:raise step raises and submits the
 * infrastructure change as her; the task's output links to the change.
 */
test('alice provisions a database from the template, which raises its infrastructure change and links it', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-06-10T09:00:00.000Z');
  const name = `ledger-${Date.now()}`;

  const alice = await openAs(browser, 'alice', '/create', DESKTOP);
  await alice
    .getByRole('article')
    .filter({ hasText: 'Provision a database' })
    .getByRole('button', { name: 'Choose' })
    .click();

  await alice.getByRole('textbox', { name: 'Name' }).fill(name);
  const system = alice.getByRole('textbox', { name: 'System' });
  await system.fill('payments');
  await alice
    .getByRole('option', { name: /payments/ })
    .first()
    .click();
  await alice.getByRole('button', { name: 'Next' }).click();

  await alice
    .getByRole('textbox', { name: 'What and why' })
    .fill('A PostgreSQL database for the ledger service.');
  await alice
    .getByRole('textbox', { name: 'Risks / side effects' })
    .fill('None to running services: the database is new.');
  await alice
    .getByRole('textbox', { name: 'How it was tested' })
    .fill('Applied the Terraform plan in the sandbox account.');
  await alice.getByRole('button', { name: 'Review' }).click();
  await alice.getByRole('button', { name: 'Create' }).click();

  const link = alice.getByRole('link', { name: 'Infrastructure change' });
  await expect(link).toBeVisible({ timeout: 30_000 });
  await expect(alice.getByText(/is raised: In review/)).toBeVisible();
  await alice.screenshot({
    path: `${SCREENSHOTS}/template-raised-change.png`,
    fullPage: true,
  });

  // The output's link is the change's address in the app (app.baseUrl);
  // the scaffolder opens it in a new tab.
  const href = await link.getAttribute('href');
  expect(href).toMatch(/\/change-management\/changes\/[0-9a-f-]{36}$/);
  await alice.goto(href!);
  await expect(
    alice.getByRole('heading', { name: `Provision the ${name} database` }),
  ).toBeVisible();
  await expect(alice.getByText('In review').first()).toBeVisible();
  await alice.screenshot({
    path: `${SCREENSHOTS}/template-change-page.png`,
    fullPage: true,
  });
});
