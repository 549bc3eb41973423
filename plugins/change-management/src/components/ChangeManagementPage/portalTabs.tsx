import { ReactNode } from 'react';
import {
  QueueCounts,
  RETROSPECTIVE_DUE_WORDS,
} from '@trove/backstage-plugin-change-management-common';
import { ActionQueue } from '../ActionQueue';
import { LazyChangeCalendar } from '../ChangeCalendar';
import { ChangesTable } from '../ChangesTable';
import { MetricsOverview } from '../MetricsOverview';
import { PortalEmptyState } from './PortalEmptyState';

export type PortalTab = {
  id: string;
  label: string;
  /** Which of the caller's queue counts its header shows. */
  count?: keyof QueueCounts;
  content: () => ReactNode;
};

// The queues list emergencies first, soonest due first (`order: 'due'`).
export const PORTAL_TABS: PortalTab[] = [
  {
    id: 'mine',
    label: 'My changes',
    count: 'needsAction',
    content: () => (
      <ActionQueue
        empty={
          <PortalEmptyState
            title="Nothing needs your action"
            description="Changes waiting for you will be listed here: your drafts, including those sent back to you, and what to take further; changes by others to review; and for the CTO the approvals and sign-offs."
          />
        }
      />
    ),
  },
  {
    id: 'in-flight',
    label: 'In flight',
    count: 'inFlight',
    content: () => (
      <ChangesTable
        title="In flight"
        query={{ inFlight: true, order: 'due' }}
        showAffected
        empty={
          <PortalEmptyState
            title="No changes in flight"
            description="Submitted changes stay here while they still wait on someone, until nothing more is owed on them."
          />
        }
      />
    ),
  },
  {
    id: 'overdue',
    label: 'Overdue retrospectives',
    count: 'overdue',
    content: () => (
      <ChangesTable
        title="Overdue retrospectives"
        query={{ overdue: true, order: 'due' }}
        showAffected
        empty={
          <PortalEmptyState
            title="No overdue retrospectives"
            description={`Emergency changes whose retrospective is more than ${RETROSPECTIVE_DUE_WORDS} past their production deploy will be listed here.`}
          />
        }
      />
    ),
  },
  {
    id: 'all',
    label: 'All',
    content: () => (
      <ChangesTable
        title="All changes"
        query={{}}
        filters
        exportable
        showAffected
      />
    ),
  },
  {
    id: 'calendar',
    label: 'Calendar',
    content: () => <LazyChangeCalendar />,
  },
  {
    id: 'overview',
    label: 'Overview',
    content: () => <MetricsOverview />,
  },
];
