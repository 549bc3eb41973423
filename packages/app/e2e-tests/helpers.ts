import { APIRequestContext, Browser, expect, Page } from '@playwright/test';

export const SCREENSHOTS = 'e2e-artifacts/screenshots';

/** Sets the backend's change-management clock (test-only route). */
export async function setClock(request: APIRequestContext, time: string) {
  const res = await request.put('/api/e2e-clock', { data: { time } });
  expect(res.ok()).toBeTruthy();
}

/** A browser of its own for one person, signed in on the dev sign-in page. */
export async function signIn(
  browser: Browser,
  user: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await browser.newContext(viewport ? { viewport } : {});
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(`^${user}\\b`) }).click();
  // Signed in: the app's landing page, the catalog, is showing.
  await expect(
    page.getByRole('heading', { name: 'Trove Catalog' }),
  ).toBeVisible();
  return page;
}

/** A user token for API calls, as scripts get one (README, "Scripts act as a sample user"). */
export async function tokenFor(request: APIRequestContext, user: string) {
  let token = '';
  // Right after start-up the catalog may not have read the sample users yet.
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/auth/dev/refresh', {
          headers: { 'X-Dev-User': user },
        });
        token = res.ok() ? (await res.json()).backstageIdentity.token : '';
        return res.status();
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  return token;
}

/** Calls the change-management API as a user. */
export async function api(
  request: APIRequestContext,
  user: string,
  method: 'get' | 'post',
  path: string,
  data?: unknown,
) {
  const token = await tokenFor(request, user);
  return request[method](`/api/change-management${path}`, {
    headers: { Authorization: `Bearer ${token}` },
    data,
  });
}

/** A user, an action and its fields: one step of a change's path. */
export type Step = [user: string, action: string, fields: object];

/** The standard path up to the CTO's sign-off, each step as its actor. */
export const TO_READY_FOR_PRODUCTION: Step[] = [
  ['alice', 'submit', {}],
  ['bob', 'review', {}],
  ['carol', 'approve', {}],
  [
    'alice',
    'record-staging',
    {
      functionalTested: true,
      regressionChecked: true,
      noUnexpectedSideEffects: true,
      stagingTested: 'yes',
    },
  ],
  ['carol', 'sign-off', {}],
];

/** Raises a change as alice and takes it through the steps by the API. */
export async function drive(
  request: APIRequestContext,
  draft: object,
  steps: Step[],
): Promise<string> {
  const created = await (
    await api(request, 'alice', 'post', '/changes', draft)
  ).json();
  let version = created.version;
  for (const [user, action, fields] of steps) {
    const res = await api(
      request,
      user,
      'post',
      `/changes/${created.id}/actions`,
      { action, version, ...fields },
    );
    expect(res.status()).toBe(200);
    version = (await res.json()).version;
  }
  return created.id as string;
}

/** Clicks an action button on the change page and confirms its dialog. */
export async function takeAction(
  page: Page,
  label: string,
  fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: label, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: label });
  await expect(dialog).toBeVisible();
  if (fill) await fill(dialog);
  await dialog.getByRole('button', { name: label, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/** Waits until the API reports the change in a state. */
export async function expectState(
  request: APIRequestContext,
  id: string,
  state: string,
) {
  await expect
    .poll(
      async () =>
        (
          await (await api(request, 'oscar', 'get', `/changes/${id}`)).json()
        ).state,
    )
    .toBe(state);
}

type Dialog = ReturnType<Page['getByRole']>;

/**
 * Answers the staging dialog: each check passed unless named in `failed`,
 * and "Staging tested" as given. Nothing is assumed, so each is clicked.
 */
export async function answerStaging(
  dialog: Dialog,
  stagingTested: 'Yes' | 'No' | 'N/A' = 'Yes',
  failed: string[] = [],
) {
  for (const check of [
    'Functional testing',
    'Regression checks',
    'No unexpected side effects',
  ]) {
    await dialog
      .getByRole('radiogroup', { name: check })
      .getByRole('radio', {
        name: failed.includes(check) ? 'Failed' : 'Passed',
      })
      .check();
  }
  await dialog
    .getByRole('radiogroup', { name: 'Staging tested' })
    .getByRole('radio', { name: stagingTested })
    .check();
}
