import fs from 'node:fs';
import AdmZip from 'adm-zip';
import { APIRequestContext, expect, test } from '@playwright/test';
import {
  drive,
  SCREENSHOTS,
  setClock,
  signIn,
  TO_READY_FOR_PRODUCTION,
} from './helpers';

/** A standard change raised now and taken to production through the API. */
const shipped = (request: APIRequestContext, title: string) =>
  drive(
    request,
    {
      type: 'standard',
      title,
      description: 'Part of the May release.',
      risks: 'Low.',
      testingNotes: 'Unit tests.',
      pullRequestUrl: 'https://github.com/acme/payments-service/pull/77',
      affectedEntityRefs: ['component:default/payments-service'],
    },
    [
      ...TO_READY_FOR_PRODUCTION,
      ['bob', 'deploy', { deploymentRef: 'https://ci.example.com/runs/9' }],
      [
        'alice',
        'verify',
        { postDeploymentVerified: 'yes', issuesEncountered: '' },
      ],
    ],
  );

/**
 * The CTO audits May: two production changes (May is no other test's
 * month), a sample of both downloaded as a zip with a folder per change,
 * and one change's evidence.html as it prints.
 */
test('the CTO draws a sample on the Audit page and downloads its evidence', async ({
  browser,
  request,
}) => {
  await setClock(request, '2026-05-12T09:00:00.000Z');
  const ids = [
    await shipped(request, 'Rotate the PSP API keys'),
    await shipped(request, 'Retry refunds on timeout'),
  ];

  const carol = await signIn(browser, 'carol');
  await carol.goto('/change-management');
  await carol.getByRole('button', { name: 'Audit', exact: true }).click();
  await expect(carol.getByRole('heading', { name: 'Audit' })).toBeVisible();
  await carol.getByLabel('From').fill('2026-05-01');
  await carol.getByLabel('To').fill('2026-06-01');
  await expect(
    carol.getByText('2 changes raised, 2 deployed to production.'),
  ).toBeVisible();

  await carol
    .getByRole('button', { name: 'Verify the audit trail now' })
    .click();
  await expect(carol.getByText(/The audit trail is intact/)).toBeVisible();
  // The schedule of app-config.e2e.yaml records checkpoints every 30 s.
  await expect(async () => {
    await carol.reload();
    await expect(
      carol.getByRole('table', { name: 'Last checkpoints' }),
    ).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await carol.getByLabel('From').fill('2026-05-01');
  await carol.getByLabel('To').fill('2026-06-01');
  await carol
    .getByRole('button', { name: 'Verify the audit trail now' })
    .click();
  await expect(carol.getByText(/The audit trail is intact/)).toBeVisible();

  await carol.getByLabel('Sample size').fill('2');
  await carol.getByLabel('Seed').fill('soc2-2026-may');
  const [download] = await Promise.all([
    carol.waitForEvent('download'),
    carol.getByRole('button', { name: 'Draw a sample' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(
    'audit-sample-2026-05-01-2026-06-01-soc2-2026-may.zip',
  );
  // A viewport as tall as the page, rather than fullPage, which draws the
  // fixed sidebar where the first viewport ended.
  await carol.setViewportSize({
    width: 1440,
    height: await carol.evaluate(() => document.body.scrollHeight),
  });
  await carol.screenshot({ path: `${SCREENSHOTS}/audit-page.png` });
  // On a phone the page stacks its cards and scrolls down, never sideways.
  await carol.setViewportSize({ width: 390, height: 844 });
  await expect(carol.getByText('2 changes raised')).toBeVisible();
  expect(
    await carol.evaluate(() => document.documentElement.scrollWidth),
  ).toBeLessThanOrEqual(390);
  await carol.screenshot({
    path: `${SCREENSHOTS}/audit-page-390.png`,
    fullPage: true,
  });
  await carol.setViewportSize({ width: 1440, height: 900 });

  const zip = new AdmZip(fs.readFileSync(await download.path()));
  const names = zip.getEntries().map(e => e.entryName);
  const folders = [
    ...new Set(names.filter(n => n.includes('/')).map(n => n.split('/')[0])),
  ];
  expect(folders).toHaveLength(2);
  for (const id of ids) {
    expect(folders.filter(f => f.includes(id))).toHaveLength(1);
  }
  const evidence = names.find(n => n.endsWith('/evidence.html'));
  expect(evidence).toBeDefined();

  // One change's evidence as an auditor prints it.
  const printed = await browser.newPage();
  await printed.setContent(zip.readAsText(evidence!));
  await printed.emulateMedia({ media: 'print' });
  await printed.pdf({ path: 'e2e-artifacts/evidence-printed.pdf' });
  await printed.screenshot({
    path: `${SCREENSHOTS}/evidence-printed.png`,
    fullPage: true,
  });
});
