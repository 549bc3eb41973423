import { ResponseError } from '@backstage/errors';
import {
  ChangeEventList,
  conflictsQuerySchema,
  freeSlotQuerySchema,
  EntitySummary,
  FreezeStatus,
} from '@trove/backstage-plugin-change-management-common';
import { anEntityMetrics, anOverview } from '../__testUtils__/metrics';
import { ChangeManagementClient } from './ChangeManagementClient';

const baseUrl = 'http://localhost:7007/api/change-management';

function clientWith(response: Response) {
  const fetch = jest.fn().mockResolvedValue(response);
  const client = new ChangeManagementClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ChangeManagementClient', () => {
  it('puts list filters in the query string', async () => {
    const { client, fetch } = clientWith(json({ items: [] }));
    await client.listChanges({
      entityRef: 'system:default/payments',
      states: ['in_review', 'awaiting_approval'],
      needsActionByMe: true,
      limit: 10,
      cursor: 'abc',
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/change-management/changes');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'system:default/payments',
      state: 'in_review,awaiting_approval',
      needsActionBy: 'me',
      limit: '10',
      cursor: 'abc',
    });
  });

  it('sends the other filters by their names in the query schema', async () => {
    const { client, fetch } = clientWith(json({ items: [] }));
    await client.listChanges({
      type: 'emergency',
      inFlight: true,
      overdue: true,
      needsActionByMe: false,
      states: [],
      search: '100% refunds',
      order: 'due',
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      type: 'emergency',
      inFlight: 'true',
      overdue: 'true',
      q: '100% refunds',
      order: 'due',
    });
  });

  it('counts the queues in one call', async () => {
    const counts = { needsAction: 2, inFlight: 5, overdue: 1 };
    const { client, fetch } = clientWith(json(counts));
    await expect(client.countQueues()).resolves.toEqual(counts);
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/queues`);
  });

  it('reads the freeze and the events as the shared types', async () => {
    const freeze: FreezeStatus = {
      frozen: true,
      timeZone: 'Europe/London',
      window: {
        start: '2026-10-01T00:00:00.000+01:00',
        end: '2027-01-01T00:00:00.000+00:00',
      },
    };
    const events: ChangeEventList = {
      items: [
        {
          id: 'e1',
          changeId: 'c1',
          seq: 1,
          action: 'create',
          toState: 'draft',
          actor: 'user:default/alice',
          at: '2026-06-10T09:00:00.000Z',
          fields: { title: 'Upgrade' },
          previousHash: '0'.repeat(64),
          hash: 'a'.repeat(64),
        },
      ],
    };
    await expect(clientWith(json(freeze)).client.getFreeze()).resolves.toEqual(
      freeze,
    );
    const scoped = clientWith(json(freeze));
    await scoped.client.getFreeze({ entityRef: 'system:default/payments' });
    expect(scoped.fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/freeze?entityRef=system%3Adefault%2Fpayments`,
    );
    const { client, fetch } = clientWith(json(events));
    await expect(client.listEvents('c 1')).resolves.toEqual(events);
    expect(fetch.mock.calls[0][0]).toBe(`${baseUrl}/changes/c%201/events`);
  });

  it("asks for an entity's summary by its ref", async () => {
    const summary: EntitySummary = {
      entityRef: 'system:default/payments',
      inFlight: { items: [], total: 0 },
      overdue: { items: [], total: 0 },
    };
    const { client, fetch } = clientWith(json(summary));
    await expect(client.getSummary('system:default/payments')).resolves.toEqual(
      summary,
    );
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/summary?entityRef=system%3Adefault%2Fpayments`,
    );
  });

  it("asks for an entity's metrics over a period", async () => {
    const metrics = anEntityMetrics();
    const { client, fetch } = clientWith(json(metrics));
    await expect(
      client.getEntityMetrics({
        entityRef: 'system:default/payments',
        from: '2026-09-01T00:00:00.000Z',
        to: '2026-10-01T00:00:00.000Z',
      }),
    ).resolves.toEqual(metrics);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/metrics?entityRef=system%3Adefault%2Fpayments&from=2026-09-01T00%3A00%3A00.000Z&to=2026-10-01T00%3A00%3A00.000Z`,
    );
  });

  it('asks for the calendar of a period, of a System and a type', async () => {
    const calendar = {
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
      windows: [],
      changes: [],
    };
    const { client, fetch } = clientWith(json(calendar));
    await expect(
      client.getCalendar({
        from: calendar.from,
        to: calendar.to,
        entityRef: 'system:default/payments',
        type: 'emergency',
      }),
    ).resolves.toEqual(calendar);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/calendar?from=2026-12-01T00%3A00%3A00.000Z&to=2027-01-01T00%3A00%3A00.000Z&entityRef=system%3Adefault%2Fpayments&type=emergency`,
    );
    const unscoped = clientWith(json(calendar));
    await unscoped.client.getCalendar({ from: calendar.from, to: calendar.to });
    expect(unscoped.fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/calendar?from=2026-12-01T00%3A00%3A00.000Z&to=2027-01-01T00%3A00%3A00.000Z`,
    );
  });

  it('asks for the overview of every System over a period', async () => {
    const overview = anOverview();
    const { client, fetch } = clientWith(json(overview));
    await expect(
      client.getMetricsOverview({
        from: '2026-09-01T00:00:00.000Z',
        to: '2026-10-01T00:00:00.000Z',
      }),
    ).resolves.toEqual(overview);
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/metrics/overview?from=2026-09-01T00%3A00%3A00.000Z&to=2026-10-01T00%3A00%3A00.000Z`,
    );
  });

  it('patches a draft with the version seen', async () => {
    const { client, fetch } = clientWith(json({ id: 'c1' }));
    const edit = {
      title: 'Upgrade',
      affectedEntityRefs: ['component:default/payments-service'],
      version: 2,
    };
    await client.editChange('c1', edit);
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes/c1`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(edit),
    });
  });

  it('posts an action as JSON', async () => {
    const { client, fetch } = clientWith(json({ id: 'c1' }));
    await client.act('c1', { action: 'approve', version: 3 });
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes/c1/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ action: 'approve', version: 3 }),
    });
  });

  it("throws the server's error with its status", async () => {
    const { client } = clientWith(
      json(
        {
          error: { name: 'ConflictError', message: 'frozen from ...' },
          response: { statusCode: 409 },
        },
        409,
      ),
    );
    const error = await client.getChange('c1').catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.message).toBe('frozen from ...');
  });

  it('returns the change log as a file with the name the server gives it', async () => {
    const { client, fetch } = clientWith(
      new Response('ID,Date\n', {
        status: 200,
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition':
            'attachment; filename="change-log-2026-01-01.csv"',
        },
      }),
    );
    const file = await client.exportChangeLog({
      from: '2026-01-01',
      to: '2027-01-01',
    });
    expect(file.fileName).toBe('change-log-2026-01-01.csv');
    expect(await new Response(file.blob).text()).toBe('ID,Date\n');
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/export?from=2026-01-01&to=2027-01-01&format=csv`,
    );
  });

  it("asks for the change log of a list by the list's own filters", async () => {
    const { client, fetch } = clientWith(new Response('ID\n', { status: 200 }));
    await client.exportChangeLog({
      entityRef: 'system:default/payments',
      states: ['deployed', 'completed'],
      type: 'emergency',
      search: 'psp key',
    });
    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/export?entityRef=system%3Adefault%2Fpayments&state=deployed%2Ccompleted&type=emergency&q=psp+key&format=csv`,
    );
  });

  it('returns the change log without a name when the server gives none', async () => {
    const { client } = clientWith(new Response('ID\n', { status: 200 }));
    const file = await client.exportChangeLog({
      from: '2026-01-01',
      to: '2027-01-01',
    });
    expect(file.fileName).toBeUndefined();
  });

  it('posts a draft as JSON', async () => {
    const { client, fetch } = clientWith(json({ id: 'c1' }, 201));
    const draft = {
      type: 'standard' as const,
      title: 'Upgrade',
      affectedEntityRefs: ['component:default/payments-service'],
    };
    await client.createChange(draft);
    expect(fetch).toHaveBeenCalledWith(`${baseUrl}/changes`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(draft),
    });
  });

  it('reads the audit counts and exceptions of a period', async () => {
    const counts = clientWith(json({}));
    await counts.client.getAuditCounts({
      from: '2026-01-01',
      to: '2026-04-01',
    });
    expect(counts.fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/audit/counts?from=2026-01-01&to=2026-04-01`,
    );
    const exceptions = clientWith(json({ items: [] }));
    await exceptions.client.getAuditExceptions({
      from: '2026-01-01',
      to: '2026-04-01',
      entityRef: 'system:default/payments',
    });
    expect(exceptions.fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/audit/exceptions?from=2026-01-01&to=2026-04-01&entityRef=system%3Adefault%2Fpayments`,
    );
  });

  it('downloads an audit sample as a zip', async () => {
    const { client, fetch } = clientWith(
      new Response('PK', {
        status: 200,
        headers: { 'Content-Type': 'application/zip' },
      }),
    );
    const sample = await client.downloadAuditSample({
      from: '2026-01-01',
      to: '2026-04-01',
      size: 5,
      seed: 'q1',
    });
    expect(await sample.blob.text()).toBe('PK');
    expect(fetch.mock.calls[0]).toEqual([
      `${baseUrl}/audit/sample?from=2026-01-01&to=2026-04-01&size=5&seed=q1&format=zip`,
      undefined,
    ]);
  });

  it('asks for one change’s evidence page', async () => {
    const { client, fetch } = clientWith(
      new Response('<!doctype html>', {
        headers: { 'Content-Type': 'text/html' },
      }),
    );
    const page = await client.getAuditEvidencePage('c 1');
    expect(await page.text()).toBe('<!doctype html>');
    expect(fetch.mock.calls[0]).toEqual([
      `${baseUrl}/audit/evidence/c%201?format=html`,
      undefined,
    ]);
  });

  it("exports one entity's change log", async () => {
    const { client, fetch } = clientWith(new Response('ID\n'));
    await client.exportChangeLog({
      from: '2026-01-01',
      to: '2027-01-01',
      entityRef: 'system:default/payments',
    });
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.searchParams.get('entityRef')).toBe('system:default/payments');
  });

  // Planned windows: conflicts and the next free slot (issue 21).
  it('asks for the conflicts of a window in the query the route reads', async () => {
    const answer = { conflicts: [], windowWarnings: [] };
    const { client, fetch } = clientWith(json(answer));
    await expect(
      client.listConflicts({
        entityRefs: ['component:default/a', 'system:default/payments'],
        type: 'infrastructure',
        plannedStart: '2026-06-10T09:00:00.000+02:00',
        plannedEnd: '2026-06-10T10:00:00.000+02:00',
        excludeId: '5f0c1b1e-7a0e-4f5e-9d3c-2b7a1f0e9c11',
      }),
    ).resolves.toEqual(answer);
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/change-management/conflicts');
    const query = conflictsQuerySchema.parse(
      Object.fromEntries(url.searchParams),
    );
    expect(query).toMatchObject({
      entityRef: ['component:default/a', 'system:default/payments'],
      type: 'infrastructure',
      excludeId: '5f0c1b1e-7a0e-4f5e-9d3c-2b7a1f0e9c11',
    });
    expect(url.searchParams.get('plannedStart')).toBe(
      '2026-06-10T09:00:00.000+02:00',
    );
  });

  it('asks for the next free slot in the query the route reads', async () => {
    const answer = { start: null, end: null, reason: 'None within 90 days' };
    const { client, fetch } = clientWith(json(answer));
    await expect(
      client.findFreeSlot({
        entityRefs: ['component:default/a'],
        type: 'standard',
        durationMinutes: 90,
        earliestStart: '2026-06-10T09:00:00.000Z',
      }),
    ).resolves.toEqual(answer);
    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/change-management/free-slot');
    expect(
      freeSlotQuerySchema.parse(Object.fromEntries(url.searchParams)),
    ).toMatchObject({
      entityRef: ['component:default/a'],
      durationMinutes: 90,
      type: 'standard',
    });
    expect(url.searchParams.has('excludeId')).toBe(false);
  });
});
