import { screen } from '@testing-library/react';
import { ChangeView } from '@trove/backstage-plugin-change-management-common';
import { ChangeManagementClient } from '../../api';
import { formatTime } from '../format';
import {
  asDetail,
  renderPage,
  standardChange,
  standardEvents,
} from './__testUtils__/fakeApi';

jest.setTimeout(30_000);

const baseUrl = 'http://localhost:7007/api/change-management';

// A change ready for production that touches two entities of a System in a
// blackout: the page learns whether and why it may deploy from the change's
// own answer, not from one freeze request per entity.
const ready: ChangeView = {
  ...standardChange,
  state: 'ready_for_production',
  affectedEntityRefs: [
    'component:default/payments-service',
    'resource:default/payments-db',
  ],
  allowedActions: ['deploy', 'cancel'],
};
const blackout = {
  start: '2026-06-20T00:00:00.000Z',
  end: '2026-06-21T00:00:00.000Z',
  timeZone: 'UTC',
  entityRef: 'system:default/payments',
  reason: 'Payments database migration',
};

const json = (body: unknown) =>
  new Response(JSON.stringify(body), {
    headers: { 'Content-Type': 'application/json' },
  });

describe('the change page asks the server once whether it may deploy', () => {
  it('reads the verdict from the change, in one request for any number of entities', async () => {
    const requests: string[] = [];
    const fetch = jest.fn(async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const path = url.pathname.slice(new URL(baseUrl).pathname.length);
      requests.push(`GET ${path}${url.search}`);
      if (path === '/changes/c1') return json(asDetail(ready, blackout));
      if (path === '/changes/c1/events') return json({ items: standardEvents });
      if (path === '/changes/c1/pull-request') {
        return json({
          url: ready.pullRequestUrl,
          reader: false,
          snapshot: null,
          warnings: [],
        });
      }
      throw new Error(`unexpected request ${url}`);
    });
    const client = new ChangeManagementClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: { fetch },
    });
    await renderPage(client);

    const deploy = await screen.findByRole('button', { name: 'Deploy' });
    expect(deploy).toBeDisabled();
    expect(deploy).toHaveAccessibleDescription(
      expect.stringContaining(
        `Deploy is closed: production is blacked out for system:default/payments from ${formatTime(
          blackout.start,
        )} to ${formatTime(blackout.end)} (Payments database migration)`,
      ),
    );
    expect(
      screen.getByText(
        'Ready for production: deploy when the blackout ends on 2026-06-21, or raise an emergency',
      ),
    ).toBeInTheDocument();
    // The PR card reads the snapshot the server keeps; GitHub is not asked.
    expect(requests.sort()).toEqual([
      'GET /changes/c1',
      'GET /changes/c1/events',
      'GET /changes/c1/pull-request',
    ]);
  });
});
