import { pullRequestSnapshotSchema } from '@trove/backstage-plugin-change-management-common';
import { SCRIPTS, seedChange } from './lifecycle';

const entities = [
  {
    entityRef: 'component:default/payments-service',
    systemRef: 'system:default/payments',
    ownerRef: 'group:default/payments',
  },
];

const run = (name: string, createdAt: string, pullRequests = false) =>
  seedChange({
    pullRequests,
    script: SCRIPTS.find(s => s.name === name)!,
    entities,
    author: 0,
    createdAt: new Date(createdAt),
    stepMs: 60_000,
    title: 'A seeded change',
  });

describe('seedChange', () => {
  it.each([
    ['reworked', 'completed', 11],
    ['emergency', 'completed', 8],
    ['awaiting-approval', 'awaiting_approval', 6],
    ['infrastructure', 'completed', 12],
    ['in-review', 'in_review', 2],
  ])('takes a %s change to %s with %d events', (name, state, count) => {
    const { change, events } = run(name, '2025-02-03T10:00:00.000Z');
    expect(change.state).toBe(state);
    expect(events).toHaveLength(count);
    // One event per accepted write, as the store's version counts them.
    expect(change.version).toBe(events.length);
    expect(events[events.length - 1].toState).toBe(change.state);
    events.slice(1).forEach((event, i) => {
      expect(event.fromState).toBe(events[i].toState);
    });
    expect(change.affectedSystemRefs).toEqual(['system:default/payments']);
  });

  it("records the PR's snapshot at each deploy when asked, as the GitHub module would", () => {
    const deployFields = (pullRequests: boolean) =>
      run('reworked', '2025-02-03T10:00:00.000Z', pullRequests)
        .events.filter(e => e.action === 'deploy')
        .map(e => e.fields.pullRequest);
    const [snapshot] = deployFields(true);
    expect(pullRequestSnapshotSchema.parse(snapshot)).toMatchObject({
      state: 'merged',
      author: 'alice',
      approvals: [{ reviewer: 'bob' }],
    });
    expect(deployFields(false)).toEqual([undefined]);
  });

  it('stops a standard change where the freeze refuses its deploy', () => {
    const { change, events } = run('reworked', '2025-10-10T10:00:00.000Z');
    expect(change.state).toBe('ready_for_production');
    expect(events.map(e => e.action)).not.toContain('deploy');
  });

  it('records the people of the SOP: author, another reviewer, the CTO', () => {
    const { change, events } = run('reworked', '2025-02-03T10:00:00.000Z');
    expect(change.createdBy).toBe('user:default/alice');
    expect(change.reviewed?.by).toBe('user:default/bob');
    expect(change.approved?.by).toBe('user:default/carol');
    expect(events.find(e => e.action === 'deploy')?.actor).toBe(
      'user:default/alice',
    );
  });
});
