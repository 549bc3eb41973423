import { ReactNode } from 'react';
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

type PageTab = {
  id: string;
  label: string;
  content: ReactNode;
};

const TABS: PageTab[] = [
  {
    id: 'needs-action',
    label: 'Needs my action',
    content: (
      <ChangesTable
        title="Waiting for you"
        query={{ needsActionByMe: true }}
        empty={
          <EmptyState
            missing="info"
            title="Nothing needs your action"
            description="Changes waiting for you will be listed here: changes by others to review, your own to take further, and for the CTO the approvals and sign-offs."
          />
        }
      />
    ),
  },
  {
    id: 'in-flight',
    label: 'In flight',
    content: (
      <ChangesTable
        title="In flight"
        query={{ inFlight: true }}
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
    content: (
      <ChangesTable
        title="Overdue retrospectives"
        query={{ overdue: true }}
        empty={
          <EmptyState
            missing="info"
            title="No overdue retrospectives"
            description="Emergency changes whose retrospective is more than 48 hours past their production deploy will be listed here."
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
        <ChangesTable title="All changes" query={{}} filters />
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

/**
 * The portal page: what waits for the signed-in user, what is in flight,
 * overdue emergency retrospectives, and every change with the change-log
 * export. The selected tab is kept in the URL (`?tab=`), so coming back from
 * a change returns to the same list.
 */
export const ChangeManagementPage = () => {
  const [searchParams, setSearchParams] = useSearchParams();
  const selected = TABS.find(t => t.id === searchParams.get('tab')) ?? TABS[0];

  const onChange = (_: unknown, id: string) => {
    setSearchParams(
      params => {
        const next = new URLSearchParams(params);
        next.set('tab', id);
        return next;
      },
      { replace: true },
    );
  };

  return (
    <Content>
      <ContentHeader title="Change management">
        <AuditLink />
        <SupportButton title="Change management">
          Every change to production follows the Change Management SOP: peer
          review, CTO approval, staging, CTO sign-off, deploy and verification;
          emergencies are approved first and documented in a retrospective
          within 48 hours. "Needs my action" lists the changes waiting for you,
          for the CTO the approvals and sign-offs. "All" lists every change and
          exports the change log as CSV for auditors.
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
            label={t.label}
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
