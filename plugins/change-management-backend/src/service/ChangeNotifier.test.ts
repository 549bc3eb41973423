import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ChangeAction,
  ChangeState,
  ChangeType,
  EngineerRoles,
  timeLabel,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeNotifier } from './ChangeNotifier';
import { ClockEvent } from './clockWording';
import { NotificationsConfig } from './config';
import { CtoRoleHolders } from './CtoRoleHolders';
import { AcceptedAction } from './notices';
import { outboxHandlers } from './outboxHandlers';
import { quietPublisher } from '../__testUtils__/publisher';
import { RecentEntities } from './RecentEntities';

const rel = (type: string, ...targetRefs: string[]) =>
  targetRefs.map(targetRef => ({ type, targetRef }));

const entity = (
  ref: string,
  relations: { type: string; targetRef: string }[],
): Entity => {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace },
    relations,
  };
};

/**
 * resource:db <- component:api <- component:web and component:mobile
 * (`dependencyOf` points at the dependents). solo has only olga, who is also
 * in guild with three others. orphan and mobile have no owner; mobile's
 * System is owned by a user directly.
 */
const catalogEntities: Entity[] = [
  entity('resource:default/db', [
    ...rel('ownedBy', 'group:default/team-a'),
    ...rel('partOf', 'system:default/core'),
    ...rel('dependencyOf', 'component:default/api'),
  ]),
  entity('component:default/api', [
    ...rel('ownedBy', 'group:default/team-a'),
    ...rel('partOf', 'system:default/core'),
    ...rel('dependencyOf', 'component:default/web', 'component:default/mobile'),
  ]),
  entity('component:default/web', [
    ...rel('ownedBy', 'group:default/web-team'),
    ...rel('partOf', 'system:default/storefront'),
  ]),
  entity('component:default/mobile', rel('partOf', 'system:default/apps')),
  entity('component:default/solo-tool', rel('ownedBy', 'group:default/solo')),
  entity('component:default/orphan', []),
  entity('system:default/core', rel('ownedBy', 'group:default/platform')),
  entity('system:default/storefront', rel('ownedBy', 'group:default/shop')),
  entity('system:default/apps', rel('ownedBy', 'user:default/ursula')),
  entity(
    'group:default/team-a',
    rel(
      'hasMember',
      'user:default/alice',
      'user:default/bob',
      'user:default/erin',
    ),
  ),
  entity(
    'group:default/web-team',
    rel('hasMember', 'user:default/wendy', 'user:default/will'),
  ),
  entity('group:default/shop', rel('hasMember', 'user:default/sam')),
  entity('group:default/platform', rel('hasMember', 'user:default/pat')),
  entity('group:default/cto', rel('hasMember', 'user:default/carol')),
  entity('group:default/solo', rel('hasMember', 'user:default/olga')),
  entity(
    'group:default/guild',
    rel(
      'hasMember',
      'user:default/olga',
      'user:default/ivan',
      'user:default/hank',
      'user:default/gina',
    ),
  ),
  entity('component:default/lone-tool', rel('ownedBy', 'user:default/lone')),
  entity('group:default/ops', rel('hasMember', 'user:default/aaron')),
  entity('user:default/aaron', rel('memberOf', 'group:default/ops')),
  entity('user:default/lone', []),
  {
    ...entity('user:default/alice', rel('memberOf', 'group:default/team-a')),
    spec: { profile: { displayName: 'Alice Adams' } },
  },
  entity(
    'user:default/olga',
    rel('memberOf', 'group:default/solo', 'group:default/guild'),
  ),
];

const ALL_ON: NotificationsConfig = {
  review: true,
  cto: true,
  decision: true,
  dependents: true,
  emergency: true,
  reminder: true,
  overdue: true,
  reviewerCap: 10,
};

function setup(
  notifications: Partial<NotificationsConfig> = {},
  engineers: EngineerRoles = {
    exclude: ['group:default/ops'],
    ownersOnly: false,
  },
  /** Reuse the plugin's own catalog reads for this long, as plugin.ts does. */
  recentMs?: number,
) {
  const catalog = catalogServiceMock({ entities: catalogEntities });
  const lookups = jest.spyOn(catalog, 'getEntitiesByRefs');
  let now = Date.parse('2026-06-10T09:00:00Z');
  const clock = { now: () => new Date(now) };
  const send = jest.fn(async () => {});
  const auth = mockServices.auth();
  const ctoRefs = ['group:default/cto', 'user:default/frank'];
  const notifier = new ChangeNotifier(
    { send },
    catalog,
    auth,
    {
      ctoRefs,
      engineers,
      notifications: { ...ALL_ON, ...notifications },
      allowSelfApproval: false,
      freeze: { windows: [], timeZone: 'Europe/Paris' },
    },
    new CtoRoleHolders(catalog, auth, ctoRefs),
    recentMs === undefined
      ? undefined
      : new RecentEntities(catalog, clock, recentMs),
  );
  /** What the outbox does with the row of an accepted action. */
  const deliver = (accepted: AcceptedAction) =>
    outboxHandlers(notifier, quietPublisher())['action-notices'](accepted, {
      id: '1',
      kind: 'action-notices',
      eventId: 'e-1',
      payload: accepted,
      attempts: 1,
      createdAt: accepted.change.updatedAt,
    });
  const advance = (ms: number) => (now += ms);
  return { notifier, catalog, lookups, send, deliver, advance };
}

function event(options: {
  action: ChangeAction;
  from: ChangeState;
  to: ChangeState;
  type?: ChangeType;
  author?: string;
  actor: string;
  affected?: string[];
  retrospective?: boolean;
}): AcceptedAction {
  return {
    action: options.action,
    fromState: options.from,
    actor: options.actor,
    change: {
      id: 'c-1',
      version: 2,
      title: 'Upgrade the SDK',
      description: 'Moves api to SDK v5.',
      risks: 'Refunds could fail.',
      testingNotes: 'Unit tests.',
      createdAt: '2026-06-10T09:00:00.000Z',
      updatedAt: '2026-06-10T09:00:00.000Z',
      exceptions: [],
      type: options.type ?? 'standard',
      state: options.to,
      createdBy: options.author ?? 'user:default/alice',
      affectedEntityRefs: options.affected ?? ['component:default/api'],
      affectedSystemRefs: [],
      retrospective: options.retrospective
        ? {
            at: '2026-06-11T09:00:00.000Z',
            by: 'user:default/alice',
            whatChanged: 'Defaulted the currency',
            why: 'INC-1042',
            approvalReceived: 'carol, on the call',
            late: false,
          }
        : undefined,
    },
  };
}

const submitted = (author: string, affected: string[]) =>
  event({
    action: 'submit',
    from: 'draft',
    to: 'in_review',
    author,
    actor: author,
    affected,
  });

describe('ChangeNotifier', () => {
  it('tells the owner groups of a submitted change, but not its author', async () => {
    const { notifier, lookups } = setup();
    const notices = await notifier.plan(
      submitted('user:default/alice', [
        'component:default/api',
        'component:default/orphan',
      ]),
    );
    expect(notices).toEqual([
      {
        kind: 'review',
        recipients: ['user:default/bob', 'user:default/erin'],
        payload: expect.objectContaining({
          severity: 'normal',
          link: '/change-management/changes/c-1',
          topic: 'change:c-1',
          title: 'Change waits on your review: Upgrade the SDK',
          // People and entities by name, never by ref.
          description:
            'Alice Adams submitted "Upgrade the SDK" for peer review; any engineer but the author may review it.',
        }),
      },
    ]);
    // The entities with the author, then the groups, then the names: no
    // lookup per entity.
    expect(lookups).toHaveBeenCalledTimes(3);
  });

  it('falls back to the other members of the author’s groups, capped, when the owners have nobody else', async () => {
    const { notifier } = setup({ reviewerCap: 2 });
    const notices = await notifier.plan(
      submitted('user:default/olga', ['component:default/solo-tool']),
    );
    expect(notices.map(n => [n.kind, n.recipients])).toEqual([
      ['review', ['user:default/gina', 'user:default/hank']],
    ]);
  });

  it('falls back to every engineer who can review, by name and capped, when the author has no group-mates either', async () => {
    const { notifier } = setup({ reviewerCap: 2 });
    const notices = await notifier.plan(
      submitted('user:default/lone', ['component:default/lone-tool']),
    );
    // lone owns lone-tool alone and shares no group; the excluded ops member
    // and the author are skipped, the cap keeps the first two by name.
    expect(notices.map(n => [n.kind, n.recipients])).toEqual([
      ['review', ['user:default/alice', 'user:default/olga']],
    ]);
  });

  it('with ownersOnly, tells the owners who are engineers by the same judge as ChangeAccessService, and nobody else', async () => {
    const { notifier, catalog } = setup(
      {},
      { exclude: ['user:default/erin'], ownersOnly: true },
    );
    const queryEntities = jest.spyOn(catalog, 'queryEntities');
    const api = await notifier.plan(
      submitted('user:default/alice', ['component:default/api']),
    );
    expect(api.map(n => n.recipients)).toEqual([['user:default/bob']]);
    // olga alone owns solo-tool: no other owner, and no fallback.
    const solo = await notifier.plan(
      submitted('user:default/olga', ['component:default/solo-tool']),
    );
    expect(solo).toEqual([]);
    expect(queryEntities).not.toHaveBeenCalled();
  });

  it('falls back too when the affected entity has no owner', async () => {
    const { notifier } = setup();
    const notices = await notifier.plan(
      submitted('user:default/olga', ['component:default/orphan']),
    );
    // Below the cap, the group-mates and then the other engineers (the ops
    // member excluded from reviewing is not told).
    expect(notices.map(n => n.recipients)).toEqual([
      [
        'user:default/alice',
        'user:default/gina',
        'user:default/hank',
        'user:default/ivan',
        'user:default/lone',
      ],
    ]);
  });

  it('tells the CTO role, users and group members, with high severity, and the author of the review', async () => {
    const { notifier } = setup();
    const notices = await notifier.plan(
      event({
        action: 'review',
        from: 'in_review',
        to: 'awaiting_approval',
        actor: 'user:default/bob',
      }),
    );
    expect(
      notices.map(n => [n.kind, n.recipients, n.payload.severity]),
    ).toEqual([
      ['cto', ['user:default/carol', 'user:default/frank'], 'high'],
      ['decision', ['user:default/alice'], 'normal'],
    ]);
    // States and actions in the words of labels.ts, never identifiers.
    expect(notices.map(n => n.payload.description)).toEqual([
      expect.stringMatching(/" is awaiting approval; next: approve\.$/),
      // bob is not in the catalog: his name, not his ref.
      expect.stringMatching(
        /^Reviewed by bob: ".*" is now awaiting approval\.$/,
      ),
    ]);
  });

  it.each([
    ['record-staging', 'approved', 'staging_verified', 'standard', false],
    [
      'document-retrospective',
      'verified',
      'retrospective_done',
      'emergency',
      true,
    ],
  ] as const)(
    'tells the CTO role after %s',
    async (action, from, to, type, retrospective) => {
      const { notifier } = setup();
      const notices = await notifier.plan(
        event({
          action,
          from,
          to,
          type,
          retrospective,
          actor: 'user:default/alice',
        }),
      );
      expect(notices.map(n => [n.kind, n.recipients])).toEqual([
        ['cto', ['user:default/carol', 'user:default/frank']],
      ]);
    },
  );

  it.each([
    ['approve', 'awaiting_approval', 'approved'],
    ['reject', 'awaiting_approval', 'rejected'],
    ['request-changes', 'in_review', 'draft'],
    ['sign-off', 'staging_verified', 'ready_for_production'],
  ] as const)('tells the author of %s', async (action, from, to) => {
    const { notifier } = setup();
    const notices = await notifier.plan(
      event({ action, from, to, actor: 'user:default/carol' }),
    );
    expect(notices.map(n => [n.kind, n.recipients])).toEqual([
      ['decision', ['user:default/alice']],
    ]);
  });

  it('tells the owners of the dependents and of their Systems of a deploy, with low severity', async () => {
    const { notifier, lookups } = setup();
    const notices = await notifier.plan(
      event({
        action: 'deploy',
        from: 'ready_for_production',
        to: 'deployed',
        actor: 'user:default/bob',
      }),
    );
    // web's owners and System owners; mobile has no owner, its System a user.
    expect(
      notices.map(n => [n.kind, n.recipients, n.payload.severity]),
    ).toEqual([
      [
        'dependents',
        [
          'user:default/sam',
          'user:default/ursula',
          'user:default/wendy',
          'user:default/will',
        ],
        'low',
      ],
    ]);
    expect(notices[0].payload.description).toBe(
      '"Upgrade the SDK" (standard) was deployed to production, changing api, which an entity you own, or its System, depends on.',
    );
    // Affected, dependents, their Systems, groups, names: five batched
    // lookups.
    expect(lookups).toHaveBeenCalledTimes(5);
  });

  it('follows one step of the dependsOn chain, and spares the deployer', async () => {
    const { notifier } = setup();
    const notices = await notifier.plan(
      event({
        action: 'deploy',
        from: 'ready_for_production',
        to: 'deployed',
        type: 'infrastructure',
        actor: 'user:default/bob',
        affected: ['resource:default/db'],
      }),
    );
    expect(notices.map(n => n.recipients)).toEqual([
      ['user:default/alice', 'user:default/erin', 'user:default/pat'],
    ]);
  });

  it('tells the CTO role and the owners of a deployed emergency, with high severity', async () => {
    const { notifier } = setup();
    const notices = await notifier.plan(
      event({
        action: 'deploy',
        from: 'approved',
        to: 'deployed',
        type: 'emergency',
        actor: 'user:default/bob',
      }),
    );
    expect(
      notices.map(n => [n.kind, n.recipients, n.payload.severity]),
    ).toEqual([
      [
        'emergency',
        [
          'user:default/alice',
          'user:default/carol',
          'user:default/erin',
          'user:default/frank',
        ],
        'high',
      ],
    ]);
  });

  it('tells nobody of a kind switched off, and does not read the catalog for it', async () => {
    const { notifier, lookups } = setup({ review: false });
    expect(
      await notifier.plan(
        submitted('user:default/alice', ['component:default/api']),
      ),
    ).toEqual([]);
    expect(lookups).not.toHaveBeenCalled();
  });

  it('sends each notice to entity refs, keyed by event and kind, and never tells the actor', async () => {
    const { deliver, send } = setup();
    await deliver(
      event({
        action: 'submit',
        from: 'draft',
        to: 'awaiting_approval',
        type: 'emergency',
        author: 'user:default/carol',
        actor: 'user:default/carol',
      }),
    );
    expect(send).toHaveBeenCalledTimes(1);
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: ['user:default/frank'],
        excludeEntityRef: 'user:default/carol',
      },
      payload: expect.objectContaining({
        topic: 'change:c-1',
        severity: 'high',
        scope: 'change-management:e-1:cto',
      }),
    });
  });

  it('tells the author of a decision, reading the catalog for names alone', async () => {
    const { notifier, lookups } = setup();
    const notices = await notifier.plan(
      event({
        action: 'approve',
        from: 'awaiting_approval',
        to: 'approved',
        actor: 'user:default/carol',
      }),
    );
    expect(notices).toEqual([
      expect.objectContaining({
        kind: 'decision',
        recipients: ['user:default/alice'],
      }),
    ]);
    expect(lookups).toHaveBeenCalledTimes(1);
    expect(lookups.mock.calls[0][0].entityRefs).toEqual([
      'user:default/alice',
      'user:default/carol',
      'component:default/api',
    ]);
  });

  it('reads names and recipients once for a burst of notices on the same entities, and again once they are old', async () => {
    const { notifier, lookups, advance } = setup({}, undefined, 5_000);
    const approved = event({
      action: 'approve',
      from: 'awaiting_approval',
      to: 'approved',
      actor: 'user:default/carol',
    });
    const reviewed = submitted('user:default/alice', ['component:default/api']);
    const first = await notifier.plan(approved);
    await notifier.plan(reviewed);
    const callsForBoth = lookups.mock.calls.length;
    // The same plans a moment later read nothing new, and say the same.
    advance(4_000);
    expect(await notifier.plan(approved)).toEqual(first);
    await notifier.plan(reviewed);
    expect(lookups).toHaveBeenCalledTimes(callsForBoth);
    // Past the few seconds, the catalog is read again.
    advance(2_000);
    await notifier.plan(approved);
    expect(lookups).toHaveBeenCalledTimes(callsForBoth + 1);
  });

  it('tries every notice and then fails, so that the outbox tries again', async () => {
    const { deliver, send } = setup();
    send
      .mockRejectedValueOnce(new Error('notifications backend down'))
      .mockResolvedValueOnce(undefined);
    await expect(
      deliver(
        event({
          action: 'review',
          from: 'in_review',
          to: 'awaiting_approval',
          actor: 'user:default/bob',
        }),
      ),
    ).rejects.toThrow(
      'Could not send 1 of 2 notices (cto: notifications backend down)',
    );
    expect(send).toHaveBeenCalledTimes(2);
  });

  describe('the clock', () => {
    const clockEvent = (
      threshold: ClockEvent['threshold'],
      author = 'user:default/alice',
    ): ClockEvent => ({
      change: {
        id: 'c-1',
        title: 'Hotfix refunds',
        type: 'emergency',
        createdBy: author,
      },
      clock: 'retrospective',
      threshold,
      dueAt: '2026-06-12T10:00:00.000Z',
    });

    it('reads the CTO role’s users from the catalog, groups expanded', async () => {
      const { notifier, lookups } = setup();
      await expect(notifier.ctoUsers()).resolves.toEqual([
        'user:default/carol',
        'user:default/frank',
      ]);
      expect(lookups).toHaveBeenCalledTimes(1);
    });

    /** Names as in the test catalog, times in the calendar's zone. */
    const words = {
      name: (ref: string) =>
        ref === 'user:default/alice' ? 'Alice Adams' : ref,
      time: (iso: string) => timeLabel(iso, 'Europe/Paris'),
    };

    it('reminds the author alone, before the deadline', () => {
      const { notifier } = setup();
      const notices = notifier.clockNotices(
        clockEvent('reminder'),
        ['user:default/carol'],
        words,
      );
      expect(
        notices.map(n => [n.kind, n.recipients, n.payload.severity]),
      ).toEqual([['reminder', ['user:default/alice'], 'high']]);
      expect(notices[0].payload).toMatchObject({
        title: 'Retrospective due soon: Hotfix refunds',
        link: '/change-management/changes/c-1',
        topic: 'change:c-1',
      });
      expect(notices[0].payload.description).toMatch(
        /It is due at Jun 12, 2026, 12:00 PM GMT\+2\.$/,
      );
    });

    it('names the author and the due time for people, from the catalog and the calendar’s zone', async () => {
      const { notifier } = setup();
      const [cto] = notifier.clockNotices(
        clockEvent('overdue'),
        ['user:default/carol'],
        await notifier.words(['user:default/alice']),
      );
      expect(cto.payload.description).toMatch(
        /It was due at Jun 12, 2026, 12:00 PM GMT\+2\. Raised by Alice Adams\.$/,
      );
    });

    it('escalates to the CTO role as critical and tells the author, at the deadline', () => {
      const { notifier } = setup();
      const ctos = ['user:default/carol', 'user:default/frank'];
      expect(
        notifier
          .clockNotices(clockEvent('overdue'), ctos, words)
          .map(n => [n.kind, n.recipients, n.payload.severity]),
      ).toEqual([
        ['overdue', ctos, 'critical'],
        ['overdue', ['user:default/alice'], 'high'],
      ]);
      // An author who holds the role has the escalation, not a second notice.
      expect(
        notifier
          .clockNotices(
            clockEvent('overdue', 'user:default/carol'),
            ctos,
            words,
          )
          .map(n => n.recipients),
      ).toEqual([ctos]);
    });

    it('tells nobody of a clock notice switched off', () => {
      const { notifier } = setup({ reminder: false, overdue: false });
      expect(notifier.clockNotices(clockEvent('reminder'), [], words)).toEqual(
        [],
      );
      expect(
        notifier.clockNotices(
          clockEvent('overdue'),
          ['user:default/carol'],
          words,
        ),
      ).toEqual([]);
    });
  });
});
