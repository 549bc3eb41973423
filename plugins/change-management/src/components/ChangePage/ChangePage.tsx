import { useState } from 'react';
import { useParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { changeManagementApiRef } from '../../api';
import { ActionButtons } from './ActionButtons';
import { ChangeRecord } from './ChangeRecord';
import { ChangeStepper } from './ChangeStepper';
import { ChangeWarnings } from './ChangeWarnings';
import { describeFailure } from '../errors';
import { EventTimeline } from './EventTimeline';

const STALE_NOTICE =
  'Someone else acted on this change in the meantime; it has been reloaded.';

/** One change: its record, where it stands, its history and what I may do. */
export const ChangePage = () => {
  const { id = '' } = useParams();
  const api = useApi(changeManagementApiRef);
  const [notice, setNotice] = useState<string>();
  const { value, error, retry } = useAsyncRetry(async () => {
    const [change, events] = await Promise.all([
      api.getChange(id),
      api.listEvents(id),
    ]);
    return { change, events: events.items };
  }, [api, id]);

  if (error) {
    const notFound = describeFailure(error).status === 404;
    return (
      <Content>
        <ResponseErrorPanel
          error={error}
          title={
            notFound
              ? `Change ${id} was not found. Check the link, or whether you may see it.`
              : undefined
          }
        />
      </Content>
    );
  }
  // Keeps showing the change while it reloads after an action.
  if (!value) {
    return <Progress />;
  }

  const { change, events } = value;
  return (
    <Content>
      <ContentHeader title={change.title}>
        <ActionButtons
          change={change}
          onActed={() => {
            setNotice(undefined);
            retry();
          }}
          onStale={() => {
            setNotice(STALE_NOTICE);
            retry();
          }}
        />
      </ContentHeader>
      <Grid container spacing={3}>
        {notice && (
          <Grid item xs={12}>
            <Alert severity="info" onClose={() => setNotice(undefined)}>
              {notice}
            </Alert>
          </Grid>
        )}
        {(change.overdue || change.exceptions.length > 0) && (
          <Grid item xs={12}>
            <ChangeWarnings change={change} />
          </Grid>
        )}
        <Grid item xs={12}>
          <ChangeStepper change={change} events={events} />
        </Grid>
        <Grid item xs={12} md={7}>
          <ChangeRecord change={change} />
        </Grid>
        <Grid item xs={12} md={5}>
          <EventTimeline events={events} />
        </Grid>
      </Grid>
    </Content>
  );
};
