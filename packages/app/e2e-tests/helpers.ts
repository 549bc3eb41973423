import AxeBuilder from '@axe-core/playwright';
import {
  APIRequestContext,
  Browser,
  BrowserContext,
  BrowserContextOptions,
  expect,
  Page,
  test,
} from '@playwright/test';

export const SCREENSHOTS = 'e2e-artifacts/screenshots';

/** A screen the journeys run on: a desktop and a phone. */
export type Screen = { name: string; width: number; height: number };

export const DESKTOP: Screen = { name: 'desktop', width: 1440, height: 900 };
export const PHONE: Screen = { name: 'phone', width: 390, height: 844 };

/**
 * Declares a journey's tests once per screen, as a describe of its own. A
 * journey is several people's sessions end to end: it has five minutes, as
 * on a machine shared with other builds one takes three, a step 4 to 10 s.
 */
export function atEachScreen(title: string, body: (screen: Screen) => void) {
  for (const screen of [DESKTOP, PHONE]) {
    test.describe(`${title} at ${screen.width} px`, () => {
      test.describe.configure({ timeout: 300_000 });
      body(screen);
    });
  }
}

/**
 * A screenshot of the whole page, taken with a viewport as tall as the page
 * rather than with fullPage, which draws the fixed sidebar (or a phone's
 * bottom bar) where the first viewport ended. The viewport is put back.
 */
export async function photograph(page: Page, path: string) {
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.body.scrollHeight);
  await page.setViewportSize({
    width: viewport.width,
    height: Math.max(height, viewport.height),
  });
  // Transitions finished: a toast fully shown, not half faded in.
  await page.screenshot({ path, animations: 'disabled' });
  await page.setViewportSize(viewport);
}

/**
 * No serious or critical axe violation on the page as it is now, every rule
 * on. The app's sidebar is left out: it is Backstage's own, not the
 * plugin's (its Notifications item's name is checked in
 * phoneNavigation.test.ts). With `dialog`, only the open dialog is checked:
 * the page behind it is inert and dimmed.
 */
export async function expectAccessible(
  page: Page,
  options: { dialog?: boolean; within?: string } = {},
) {
  const axe = new AxeBuilder({ page });
  const within = options.dialog ? '[role="dialog"]' : options.within;
  const { violations } = await (within
    ? axe.include(within)
    : axe.exclude('nav')
  ).analyze();
  const grave = violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v =>
      v.nodes.map(node => {
        const data = node.any[0]?.data as
          | { fgColor?: string; bgColor?: string }
          | undefined;
        const colours = data?.fgColor
          ? ` (${data.fgColor} on ${data.bgColor})`
          : '';
        return `${v.id} (${v.impact})${colours}: ${node.html}`;
      }),
    );
  expect(grave).toEqual([]);
}

/** Sets the backend's change-management clock (test-only route). */
export async function setClock(request: APIRequestContext, time: string) {
  const res = await request.put('/api/e2e-clock', { data: { time } });
  expect(res.ok()).toBeTruthy();
}

/** The browsers signIn and openAs opened, with the test that opened each. */
const opened: { testId: string; context: BrowserContext }[] = [];

/**
 * A browser of its own for the running test. Those of earlier tests are
 * closed first: the tests share one Chromium, and left open, every earlier
 * test's pages went on polling and holding their sockets, so that by the
 * end of a run the two-core machine's load was 10 to 14.
 */
async function newContext(
  browser: Browser,
  options: BrowserContextOptions,
): Promise<BrowserContext> {
  const { testId } = test.info();
  for (let i = opened.length - 1; i >= 0; i--) {
    if (opened[i].testId !== testId) {
      await opened[i].context.close();
      opened.splice(i, 1);
    }
  }
  const context = await browser.newContext(options);
  opened.push({ testId, context });
  return context;
}

/** A browser of its own for one person, signed in on the dev sign-in page. */
export async function signIn(
  browser: Browser,
  user: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const context = await newContext(browser, viewport ? { viewport } : {});
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('button', { name: new RegExp(`^${user}\\b`) }).click();
  // Signed in: the app's landing page, the catalog, is showing.
  await expect(
    page.getByRole('heading', { name: 'Trove Catalog' }),
  ).toBeVisible();
  return page;
}

/**
 * What the dev sign-in page keeps of the picked user
 * (packages/app/src/modules/signIn/DevUserSignInPage.tsx).
 */
const SIGNED_IN_USER_KEY = 'dev-sign-in/user';

/**
 * A browser of its own for one person, opened at `path` and signed in as
 * the app signs in a returning user: the sign-in page's choice is in the
 * browser's storage, so the app signs in through the backend's `dev`
 * provider without showing the page. Unlike {@link signIn}, it does not
 * first draw the catalog, which a test that goes on elsewhere only waited
 * for. The sign-in page itself is driven by the tests that use signIn.
 */
export async function openAs(
  browser: Browser,
  user: string,
  path: string,
  viewport?: { width: number; height: number },
): Promise<Page> {
  const { origin } = new URL(test.info().project.use.baseURL!);
  const context = await newContext(browser, {
    ...(viewport ? { viewport } : {}),
    storageState: {
      cookies: [],
      origins: [
        { origin, localStorage: [{ name: SIGNED_IN_USER_KEY, value: user }] },
      ],
    },
  });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

/** A user token for API calls, as scripts get one (README, "Scripts act as a sample user"). */
export async function tokenFor(request: APIRequestContext, user: string) {
  let token = '';
  // Right after start-up the catalog may not have read the sample users yet;
  // on a loaded machine a kept-alive connection may also be reset: ask again.
  await expect
    .poll(
      async () => {
        const res = await request
          .get('/api/auth/dev/refresh', { headers: { 'X-Dev-User': user } })
          .catch((error: Error) => error.message);
        if (typeof res === 'string') return res;
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

/** Raises a change (as alice unless told) and takes it through the steps by the API. */
export async function drive(
  request: APIRequestContext,
  draft: object,
  steps: Step[],
  author = 'alice',
): Promise<string> {
  const created = await (
    await api(request, author, 'post', '/changes', draft)
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

/** A draft that passes the submit check: a standard change on a service. */
export const standardDraft = (
  title: string,
  entityRef = 'component:default/payments-service',
) => ({
  type: 'standard',
  title,
  description: 'Part of the release.',
  risks: 'Low.',
  testingNotes: 'Unit tests.',
  pullRequestUrl: 'https://github.com/acme/payments-service/pull/77',
  affectedEntityRefs: [entityRef],
});

/** A draft that passes the submit check: an emergency on payments-service. */
export const emergencyDraft = (title: string, incident = 'INC-7001') => ({
  type: 'emergency',
  title,
  description: 'Refunds fail with 500.',
  risks: 'Minimal.',
  testingNotes: 'Reproduced and fixed locally.',
  incident: { ref: incident, severity: 'P1' },
  proposedFix: 'Default to the order currency.',
  affectedEntityRefs: ['component:default/payments-service'],
});

/** An emergency's whole path, by the API: deployed, then documented. */
export const EMERGENCY_TO_RETROSPECTIVE: Step[] = [
  ['alice', 'submit', {}],
  ['carol', 'approve', {}],
  ['alice', 'deploy', {}],
  ['alice', 'verify', { postDeploymentVerified: 'yes', issuesEncountered: '' }],
  [
    'alice',
    'document-retrospective',
    {
      whatChanged: 'Defaulted the refund currency.',
      why: 'Refunds failed with 500.',
      approvalReceived: 'Carol approved in the portal.',
    },
  ],
];

/** What a person types into the raise form; another type is picked first. */
export type RaiseFields = {
  type?: 'Infrastructure' | 'Emergency (hotfix)';
  title: string;
  description: string;
  risks: string;
  testingNotes: string;
  pullRequestUrl?: string;
  incident?: { ref: string; severity: 'P1' | 'P2' };
  proposedFix?: string;
};

/** Opens "Raise a change" on the page and fills its form in, field by field. */
export async function fillRaiseForm(page: Page, fields: RaiseFields) {
  await page.getByRole('button', { name: 'Raise a change' }).first().click();
  const form = page.getByRole('dialog', { name: 'Raise a change' });
  if (fields.type) {
    await form.getByRole('button', { name: /Type/ }).click();
    await page.getByRole('option', { name: fields.type }).click();
  }
  await form.getByLabel('Title').fill(fields.title);
  await form.getByLabel('What is changing and why').fill(fields.description);
  await form.getByLabel('Risks and potential side effects').fill(fields.risks);
  await form.getByLabel('How it was tested locally').fill(fields.testingNotes);
  if (fields.pullRequestUrl) {
    await form.getByLabel('Pull request URL').fill(fields.pullRequestUrl);
  }
  if (fields.incident) {
    await form.getByLabel('Incident reference').fill(fields.incident.ref);
    await form.getByRole('button', { name: /Incident severity/ }).click();
    await page.getByRole('option', { name: fields.incident.severity }).click();
  }
  if (fields.proposedFix) {
    await form.getByLabel('Proposed fix').fill(fields.proposedFix);
  }
  return form;
}

/** Submits the raise form and returns the id of the change page it opens. */
export async function submitRaiseForm(page: Page) {
  const form = page.getByRole('dialog', { name: 'Raise a change' });
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/change-management\/changes\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/**
 * Follows an item of the app's menu: the sidebar on a desktop, the list
 * behind a phone's "Menu" button.
 */
export async function openFromMenu(page: Page, screen: Screen, item: string) {
  if (screen === PHONE) {
    await page.getByRole('button', { name: 'Menu' }).click();
  }
  await page.getByRole('link', { name: new RegExp(`^${item}\\b`) }).click();
}
