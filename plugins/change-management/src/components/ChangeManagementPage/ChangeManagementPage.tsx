import { ReactNode } from 'react';
import {
  QueueCounts,
  RETROSPECTIVE_DUE_WORDS,
} from '@trove/backstage-plugin-change-management-common';
import {
  Content,
  ContentHeader,
  EmptyState,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { AuditLink } from '../AuditPage';
import { ChangesTable } from '../ChangesTable';
import { FreezeBanner } from '../FreezeBanner';
import { ExportChangeLog } from './ExportChangeLog';
import { useChangeSignal } from '../useChangeSignal';

type PageTab = {
  id: string;
  label: string;
  /** Which of the caller's queue counts its header shows. */
  count?: keyof QueueCounts;
  content: ReactNode;
};

// The queues list emergencies first, soonest due first (`order: 'due'`).
const TABS: PageTab[] = [
  {
    id: 'mine',
    label: 'My changes',
    count: 'needsAction',
    content: (
      <ChangesTable
        title="Waiting for you"
        query={{ needsActionByMe: true, order: 'due' }}
        showAffected
        empty={
          <EmptyState
            missing="info"
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
    content: (
      <ChangesTable
        title="In flight"
        query={{ inFlight: true, order: 'due' }}
        showAffected
        empty={
          <EmptyState
            missing="info"
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
    content: (
      <ChangesTable
        title="Overdue retrospectives"
        query={{ overdue: true, order: 'due' }}
        showAffected
        empty={
          <EmptyState
            missing="info"
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
    content: (
      <>
        <ExportChangeLog />
        <ChangesTable title="All changes" query={{}} filters showAffected />
      </>
    ),
  },
];

const tabId = (id: string) => `change-management-tab-${id}`;
const panelId = (id: string) => `change-management-tabpanel-${id}`;

/** Production deploys are frozen: say so above every list. */
const Freeze = () => {
  const api = useApi(changeManagementApiRef);
  const { value, error } = useAsync(() => api.getFreeze(), [api]);
  if (error) {
    return (
      <Box mb={2}>
        <WarningPanel
          severity="error"
          title="Could not check the deployment freeze"
          message={error.message}
        />
      </Box>
    );
  }
  return value?.frozen ? (
    <Box mb={2}>
      <FreezeBanner status={value} />
    </Box>
  ) : null;
};

/** "My changes (3)"; just the label while the counts load or fail. */
function tabLabel(tab: PageTab, counts?: QueueCounts) {
  return tab.count && counts
    ? `${tab.label} (${counts[tab.count]})`
    : tab.label;
}

/**
 * The portal page: what waits for the signed-in user, what is in flight,
 * overdue emergency retrospectives, and every change with the change-log
 * export. The tab, and the list's filters and page, are kept in the URL
 * (`?tab=`), so a reload or a shared link shows the same list. The tab
 * headers count the queues in one call.
 */
export const ChangeManagementPage = () => {
  const api = useApi(changeManagementApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = TABS.find(t => t.id === searchParams.get('tab')) ?? TABS[0];
  // Counted again when a change moves in or out of a queue.
  const signal = useChangeSignal();
  const counts = useAsync(() => api.countQueues(), [api, signal]);

  // Another tab starts with its own list: no filters, first page.
  const onChange = (_: unknown, id: string) => {
    setSearchParams({ tab: id }, { replace: true });
  };

  return (
    <Content>
      <ContentHeader title="Change management">
        <AuditLink />
        <SupportButton title="Change management">
          Every change to production follows the Change Management SOP: peer
          review, CTO approval, staging, CTO sign-off, deploy and verification;
          emergencies are approved first and documented in a retrospective
          within {RETROSPECTIVE_DUE_WORDS}. "My changes" lists what waits for
          you, emergencies first: your drafts (saying why one was sent back),
          reviews, and for the CTO the approvals and sign-offs. "All" lists
          every change and exports the change log as CSV for auditors.
        </SupportButton>
      </ContentHeader>
      <Freeze />
      <Tabs
        value={selected.id}
        onChange={onChange}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons="auto"
        aria-label="Change lists"
      >
        {TABS.map(t => (
          <Tab
            key={t.id}
            value={t.id}
            label={tabLabel(t, counts.value)}
            id={tabId(t.id)}
            aria-controls={panelId(t.id)}
          />
        ))}
      </Tabs>
      {TABS.map(t => (
        <div
          key={t.id}
          role="tabpanel"
          id={panelId(t.id)}
          aria-labelledby={tabId(t.id)}
          hidden={t !== selected}
        >
          {t === selected && <Box pt={2}>{t.content}</Box>}
        </div>
      ))}
    </Content>
  );
};
