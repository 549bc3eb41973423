import { expect, test } from '@playwright/test';
import { api, SCREENSHOTS, setClock, signIn } from './helpers';

const entityRef = 'component:default/checkout-api';

/** Raises a change on checkout-api as alice and takes these steps on it. */
async function changeOn(
  request: Parameters<typeof api>[0],
  draft: object,
  steps: [string, string][],
) {
  const created = await api(request, 'alice', 'post', '/changes', {
    ...draft,
    affectedEntityRefs: [entityRef],
  });
  expect(created.status()).toBe(201);
  let change = await created.json();
  for (const [user, action] of steps) {
    const res = await api(
      request,
      user,
      'post',
      `/changes/${change.id}/actions`,
      {
        action,
        version: change.version,
      },
    );
    expect(res.status()).toBe(200);
    change = await res.json();
  }
  return change;
}

/**
 * The Overview of a service tells its change debt at a glance: the freeze,
 * what is in flight, the overdue retrospective in red, and what last went to
 * production.
 */
test("a service's Overview shows its change debt", async ({
  browser,
  request,
}) => {
  // Inside the peak-season freeze, whatever today's date is.
  await setClock(request, '2026-11-20T10:00:00.000Z');
  const hotfix = await changeOn(
    request,
    {
      type: 'emergency',
      title: 'Hotfix: checkout times out on large baskets',
      description: 'A missing index makes basket totals slow.',
      risks: 'Minimal: adds an index.',
      testingNotes: 'Reproduced and fixed locally.',
      incident: { ref: 'INC-2077', severity: 'P2' },
      proposedFix: 'Add the index on basket lines.',
    },
    [
      ['alice', 'submit'],
      ['carol', 'approve'],
      ['alice', 'deploy'],
    ],
  );
  await changeOn(
    request,
    {
      type: 'standard',
      title: 'Paginate the basket API',
      description: 'Large baskets come back in pages of 50 lines.',
      risks: 'Clients that read one page only would miss lines.',
      testingNotes: 'Contract tests against the storefront.',
      pullRequestUrl: 'https://github.com/acme/checkout-api/pull/12',
    },
    [['alice', 'submit']],
  );
  // Past the retrospective's due time: deploy + 48 h.
  await setClock(request, '2026-11-22T11:00:00.000Z');

  const alice = await signIn(browser, 'alice');
  await alice.setViewportSize({ width: 1440, height: 900 });
  await alice.goto('/catalog/default/component/checkout-api');
  await expect(alice.getByText('In flight (2)')).toBeVisible();
  await expect(alice.getByText('Overdue retrospectives (1)')).toBeVisible();
  await expect(
    alice.getByText(/^Retrospective overdue: it was due /),
  ).toBeVisible();
  await expect(
    alice.getByText(/Deployment freeze: 2026-10-01 to 2026-12-31/),
  ).toBeVisible();
  await expect(alice.getByText(/^Deployed Nov 20, 2026/)).toBeVisible();
  await expect(
    alice.getByRole('link', { name: hotfix.title }).first(),
  ).toHaveAttribute('href', `/change-management/changes/${hotfix.id}`);
  await alice.screenshot({
    path: `${SCREENSHOTS}/entity-card.png`,
    fullPage: true,
  });

  await alice.setViewportSize({ width: 390, height: 844 });
  await expect(alice.getByText('In flight (2)')).toBeVisible();
  await alice.screenshot({
    path: `${SCREENSHOTS}/entity-card-390.png`,
    fullPage: true,
  });
});
