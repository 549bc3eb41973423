import { screen, within } from '@testing-library/react';
import {
  ChangeState,
  ChangeView,
  describeNextStep,
  MACHINES,
  RiskPolicyName,
} from '@trove/backstage-plugin-change-management-common';
import { formatTime } from '../format';
import {
  asDetail,
  emergencyChange,
  fakeApi,
  renderPage,
  standardChange,
  standardEvents,
} from './__testUtils__/fakeApi';

jest.setTimeout(30_000);

// Every state of each machine, taken from the machine itself.
const STATES = MACHINES.flatMap(({ types, machine }) => {
  const states = new Set<ChangeState>();
  for (const [state, edges] of Object.entries(machine)) {
    states.add(state as ChangeState);
    Object.values(edges ?? {}).forEach(t => states.add(t.to));
  }
  return [...states].map(state => [types[0], state] as const);
});

const FREEZE = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
  timeZone: 'UTC',
};

describe('ChangePage: who acts next', () => {
  it.each(STATES)(
    'says who acts next on a %s change in %s',
    async (type, state) => {
      const base = type === 'emergency' ? emergencyChange : standardChange;
      const change: ChangeView = {
        ...base,
        state,
        retrospective: undefined,
        postDeploymentReview: undefined,
        allowedActions: [],
      };
      await renderPage(fakeApi(change, []));
      expect(
        await screen.findByText(
          describeNextStep(change, {
            authorName: 'Alice Adams',
            // The page names the reviewer as the catalog does.
            reviewerName: 'Bob Brown',
          }),
        ),
      ).toBeInTheDocument();
    },
  );

  it('says the reviewer is anyone but the author, by name', async () => {
    await renderPage(
      // In review with no review on record: a review on record in this
      // state is the first of two (twoPeerReviews), and says so.
      fakeApi({
        ...standardChange,
        state: 'in_review',
        reviewed: undefined,
        allowedActions: [],
      }),
    );
    expect(
      await screen.findByText(
        'Waiting for a peer review by an engineer other than Alice Adams',
      ),
    ).toBeInTheDocument();
  });
});

describe('ChangePage under the risk-based policies (issue 24)', () => {
  const highRisk: ChangeView = {
    ...standardChange,
    risk: {
      level: 'high',
      score: 27,
      reasons: [
        {
          factor: 'blast-radius',
          points: 13,
          message: '2 entities depend on payments-db (1 System, 1 team)',
        },
      ],
      assessedAt: '2026-03-02T10:00:00.000Z',
    },
    allowedActions: [],
  };
  const withPolicies = (change: ChangeView, policies: RiskPolicyName[]) => {
    const api = fakeApi(change, []);
    api.getChange.mockResolvedValue(asDetail(change, undefined, policies));
    return api;
  };

  it('asks for a planned window before submit where the server says the policy binds', async () => {
    const draft: ChangeView = {
      ...highRisk,
      state: 'draft',
      plannedStart: undefined,
      plannedEnd: undefined,
    };
    await renderPage(withPolicies(draft, ['requirePlannedWindow']));
    expect(
      await screen.findByText(
        'Waiting for Alice Adams to add a planned window and submit it: a high-risk change needs one',
      ),
    ).toBeInTheDocument();
  });

  it('asks for two peer reviews, then names the first reviewer', async () => {
    const inReview: ChangeView = {
      ...highRisk,
      state: 'in_review',
      reviewed: undefined,
    };
    const { unmount } = await renderPage(
      withPolicies(inReview, ['twoPeerReviews']),
    );
    expect(
      await screen.findByText(
        'Waiting for two peer reviews by two engineers other than Alice Adams: a high-risk change needs both',
      ),
    ).toBeInTheDocument();
    unmount();

    await renderPage(
      withPolicies(
        {
          ...inReview,
          reviewed: { by: 'user:default/bob', at: '2026-03-02T11:00:00.000Z' },
        },
        ['twoPeerReviews'],
      ),
    );
    expect(
      await screen.findByText(
        'Waiting for a second peer review by an engineer other than Alice Adams and Bob Brown',
      ),
    ).toBeInTheDocument();
  });

  it('asks for one review where no policy binds, whatever the risk', async () => {
    await renderPage(
      withPolicies(
        { ...highRisk, state: 'in_review', reviewed: undefined },
        [],
      ),
    );
    expect(
      await screen.findByText(
        'Waiting for a peer review by an engineer other than Alice Adams',
      ),
    ).toBeInTheDocument();
  });
});

describe('ChangePage in a freeze', () => {
  const ready: ChangeView = {
    ...standardChange,
    state: 'ready_for_production',
    allowedActions: ['deploy', 'cancel'],
  };

  it('shows the deploy disabled, with the reason and the day it reopens', async () => {
    const api = fakeApi(ready);
    api.getChange.mockResolvedValue(asDetail(ready, FREEZE));
    await renderPage(api);
    expect(
      await screen.findByText(
        'Ready for production: deploy when the freeze ends on 2027-01-01, or raise an emergency',
      ),
    ).toBeInTheDocument();
    const deploy = screen.getByRole('button', { name: 'Deploy' });
    expect(deploy).toBeDisabled();
    expect(deploy).toHaveAccessibleDescription(
      expect.stringContaining(
        'Deploy is closed: production is frozen from 2026-10-01 to 2026-12-31 (UTC)',
      ),
    );
    expect(deploy).toHaveAccessibleDescription(
      expect.stringContaining(
        'Production reopens on 2027-01-01; deploy then. Only emergency changes may deploy until then. If this cannot wait: Raise an emergency from this change',
      ),
    );
    // The change's own answer says why: no request per entity.
    expect(api.getFreeze).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Cancel change' })).toBeEnabled();
  });

  it('offers the deploy outside a freeze', async () => {
    await renderPage(fakeApi(ready));
    expect(
      await screen.findByText(
        'Ready for production: Alice Adams or another engineer deploys it',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeEnabled();
  });

  it('lets an emergency deploy in the freeze', async () => {
    const approved: ChangeView = {
      ...emergencyChange,
      state: 'approved',
      deployed: undefined,
      retrospective: undefined,
      retrospectiveDueAt: undefined,
      allowedActions: ['deploy'],
    };
    const api = fakeApi(approved);
    api.getChange.mockResolvedValue(asDetail(approved, FREEZE));
    await renderPage(api);
    expect(
      await screen.findByText(/although production is frozen from/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Deploy' })).toBeEnabled();
  });
});

describe('ChangePage banners', () => {
  const draft: ChangeView = {
    ...standardChange,
    state: 'draft',
    reviewed: undefined,
    allowedActions: ['edit', 'submit', 'cancel'],
  };
  const sentBack = (action: 'request-changes' | 'record-staging') => ({
    ...standardEvents[2],
    id: 'e9',
    seq: 9,
    action,
    fromState:
      action === 'request-changes'
        ? ('awaiting_approval' as const)
        : ('approved' as const),
    toState: 'draft' as const,
    actor: `user:default/${action === 'request-changes' ? 'carol' : 'alice'}`,
    at: '2026-03-05T10:00:00.000Z',
    comment: action === 'request-changes' ? 'Add a refund alert' : undefined,
    fields:
      action === 'record-staging'
        ? { failedChecks: ['regression checks', 'no unexpected side effects'] }
        : {},
  });

  it('says which staging checks failed and what was cleared', async () => {
    await renderPage(
      fakeApi(draft, [...standardEvents, sentBack('record-staging')]),
    );
    const banner = (
      await screen.findByText(
        'Staging failed: regression checks, no unexpected side effects',
      )
    ).parentElement!;
    expect(
      await within(banner).findByRole('link', { name: 'Alice Adams' }),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(formatTime('2026-03-05T10:00:00.000Z'));
    expect(banner).toHaveTextContent(
      'Its peer review and CTO approval were cleared',
    );
  });

  it('says who requested changes, and why', async () => {
    await renderPage(
      fakeApi(draft, [...standardEvents, sentBack('request-changes')]),
    );
    const banner = (await screen.findByText('Changes requested'))
      .parentElement!;
    expect(banner).toHaveTextContent('Add a refund alert');
    expect(
      await within(banner).findByRole('link', { name: 'Carol Chen (CTO)' }),
    ).toBeInTheDocument();
  });

  it('counts down to the retrospective, then says it is overdue', async () => {
    const now = jest
      .spyOn(Date, 'now')
      .mockReturnValue(Date.parse('2026-10-05T12:48:00.000Z'));
    const verified: ChangeView = {
      ...emergencyChange,
      state: 'verified',
      retrospective: undefined,
      allowedActions: [],
    };
    const { unmount } = await renderPage(fakeApi(verified, []));
    expect(
      await screen.findByText(
        `Retrospective due in 46 h 12 min, by ${formatTime(
          verified.retrospectiveDueAt,
        )}`,
      ),
    ).toBeInTheDocument();
    unmount();

    now.mockReturnValue(Date.parse('2026-10-07T14:05:00.000Z'));
    await renderPage(fakeApi(verified, []));
    const overdue = await screen.findByText(
      `Retrospective overdue by 3 h 5 min: it was due by ${formatTime(
        verified.retrospectiveDueAt,
      )}`,
    );
    expect(overdue.closest('[role="alert"]')).toHaveClass(
      'MuiAlert-standardError',
    );
    now.mockRestore();
  });
});
