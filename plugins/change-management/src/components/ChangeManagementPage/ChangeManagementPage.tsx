import { useState } from 'react';
import {
  FreezeStatus,
  QueueCounts,
  RETROSPECTIVE_DUE_WORDS,
} from '@trove/backstage-plugin-change-management-common';
import {
  Content,
  ContentHeader,
  SupportButton,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { AuditLink } from '../AuditPage';
import { FreezeBanner } from '../FreezeBanner';
import { LockdownPanel } from '../Lockdowns';
import { RaiseChangeDialog } from '../RaiseChangeDialog';
import { PORTAL_TABS, PortalTab } from './portalTabs';
import { useChangeSignal } from '../useChangeSignal';

const tabId = (id: string) => `change-management-tab-${id}`;
const panelId = (id: string) => `change-management-tabpanel-${id}`;

/** Production deploys are frozen: say so above every list. */
const Freeze = (props: { value?: FreezeStatus; error?: Error }) => {
  if (props.error) {
    return (
      <Box mb={2}>
        <WarningPanel
          severity="error"
          title="Could not check the deployment freeze"
          message={props.error.message}
        />
      </Box>
    );
  }
  return props.value?.frozen ? (
    <Box mb={2}>
      <FreezeBanner status={props.value} />
    </Box>
  ) : null;
};

/** "My changes (3)"; just the label while the counts load or fail. */
function tabLabel(tab: PortalTab, counts?: QueueCounts) {
  return tab.count && counts
    ? `${tab.label} (${counts[tab.count]})`
    : tab.label;
}

/**
 * The portal page: what waits for the signed-in user, what is in flight,
 * overdue emergency retrospectives, and every change with the change-log
 * export; and a change raised from here, its entities picked in the form.
 * The tab, and the list's filters and page, are kept in the URL (`?tab=`),
 * so a reload or a shared link shows the same list. The tab headers count
 * the queues in one call; the freeze is asked once, for the banner.
 */
export const ChangeManagementPage = () => {
  const api = useApi(changeManagementApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const selected =
    PORTAL_TABS.find(t => t.id === searchParams.get('tab')) ?? PORTAL_TABS[0];
  // Counted again when a change moves in or out of a queue.
  const signal = useChangeSignal();
  const counts = useAsync(() => api.countQueues(), [api, signal]);
  const freeze = useAsync(() => api.getFreeze(), [api]);
  const [raising, setRaising] = useState(false);
  // On a phone the tabs do not fit: their arrows show that they scroll.
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('xs'));

  // Another tab starts with its own list: no filters, first page.
  const onChange = (_: unknown, id: string) => {
    setSearchParams({ tab: id }, { replace: true });
  };

  return (
    <Content>
      <ContentHeader title="Change management">
        <Button
          variant="contained"
          color="primary"
          onClick={() => setRaising(true)}
        >
          Raise a change
        </Button>
        <AuditLink />
        <SupportButton title="Change management">
          Every change to production follows the Change Management SOP: peer
          review, CTO approval, staging, CTO sign-off, deploy and verification;
          emergencies are approved first and documented in a retrospective
          within {RETROSPECTIVE_DUE_WORDS}. "My changes" lists what waits for
          you, emergencies first, with your action on each: your drafts (saying
          why one was sent back), reviews, and for the CTO the approvals and
          sign-offs. "All" lists every change and exports what it shows as CSV
          for auditors. "Calendar" shows the freeze, blackouts and planned and
          deployed changes by month, week or agenda, and downloads them as an
          .ics file for your own calendar.
        </SupportButton>
      </ContentHeader>
      <Freeze value={freeze.value} error={freeze.error} />
      <LockdownPanel />
      <Tabs
        value={selected.id}
        onChange={onChange}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        scrollButtons={narrow ? 'on' : 'auto'}
        aria-label="Change lists"
      >
        {PORTAL_TABS.map(t => (
          <Tab
            key={t.id}
            value={t.id}
            label={tabLabel(t, counts.value)}
            id={tabId(t.id)}
            aria-controls={panelId(t.id)}
          />
        ))}
      </Tabs>
      {PORTAL_TABS.map(t => (
        <div
          key={t.id}
          role="tabpanel"
          id={panelId(t.id)}
          aria-labelledby={tabId(t.id)}
          hidden={t !== selected}
        >
          {t === selected && <Box pt={2}>{t.content()}</Box>}
        </div>
      ))}
      {raising && <RaiseChangeDialog open onClose={() => setRaising(false)} />}
    </Content>
  );
};
