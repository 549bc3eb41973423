import { expect, test } from '@playwright/test';
import { tokenFor } from './helpers';

/** A JSON-RPC call to the MCP actions backend, as an agent makes it. */
async function mcp(
  request: Parameters<typeof tokenFor>[0],
  token: string,
  method: string,
  params: object,
) {
  const res = await request.post('/api/mcp-actions/v1', {
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json, text/event-stream',
    },
    data: { jsonrpc: '2.0', id: 1, method, params },
  });
  expect(res.ok()).toBeTruthy();
  // The streamable HTTP transport answers one server-sent event.
  const data = (await res.text()).split('\n').find(l => l.startsWith('data: '));
  return JSON.parse(data!.slice('data: '.length)).result;
}

test('agents see the four change-management actions over MCP, and no decision', async ({
  request,
}) => {
  const token = await tokenFor(request, 'alice');
  const { tools } = await mcp(request, token, 'tools/list', {});
  const names = tools
    .map((t: { name: string }) => t.name)
    .filter((n: string) => n.startsWith('change-management'))
    .sort();
  expect(names).toEqual([
    'change-management.check-gate',
    'change-management.create-change',
    'change-management.get-change',
    'change-management.list-changes',
  ]);

  const created = await mcp(request, token, 'tools/call', {
    name: 'change-management.create-change',
    arguments: {
      type: 'standard',
      title: 'Raised by an agent',
      affectedEntityRefs: ['component:default/payments-service'],
    },
  });
  const change =
    created.structuredContent ?? JSON.parse(created.content[0].text);
  expect(change).toMatchObject({
    state: 'draft',
    createdBy: 'user:default/alice',
  });
});
