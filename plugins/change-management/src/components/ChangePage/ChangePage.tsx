import { useEffect, useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Snackbar from '@material-ui/core/Snackbar';
import Alert from '@material-ui/lab/Alert';
import {
  ChangeAction,
  ChangeDetail,
  describeNextStep,
  eventLabel,
  plannedWindowOf,
  PullRequestWarning,
  riskPoliciesFrom,
} from '@trove/backstage-plugin-change-management-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { changeManagementApiRef, ChangeEvent } from '../../api';
import { ArrivalState, RaiseChangeDialog } from '../RaiseChangeDialog';
import { ActionButtons } from './ActionButtons';
import { ChangeHeading } from './ChangeHeading';
import { ChangeRecord } from './ChangeRecord';
import { ChangeStepper } from './ChangeStepper';
import { ChangeWarnings } from './ChangeWarnings';
import { DeployHeld, DEPLOY_HELD_ID } from './DeployHeld';
import { describeFailure } from '../errors';
import { formatTime } from '../format';
import { EventTimeline } from './EventTimeline';
import { PlannedWindowCard } from './PlannedWindowCard';
import { RiskCard } from './RiskCard';
import { PullRequestCard } from './PullRequestCard';
import { useChangeSignal } from '../useChangeSignal';

const STALE_NOTICE =
  'Someone else acted on this change in the meantime; it has been reloaded.';

/** The page of a loaded change. */
const LoadedChange = (props: {
  change: ChangeDetail;
  events: ChangeEvent[];
  reload: () => void;
}) => {
  const { change, events, reload } = props;
  const [notice, setNotice] = useState<string>();
  const [done, setDone] = useState<string>();
  const nextStepRef = useRef<HTMLParagraphElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [raisingEmergency, setRaisingEmergency] = useState(false);
  // A change just raised: its heading takes the focus, and the form's
  // warnings on its pull request show (RaiseChangeDialog).
  const arrived = useLocation().state as ArrivalState | null;
  const [pullRequestWarnings, setPullRequestWarnings] = useState(
    arrived?.pullRequestWarnings ?? [],
  );
  useEffect(() => {
    if (arrived?.focusHeading) headingRef.current?.focus();
  }, [arrived]);
  // After an action the button that opened its dialog may be gone: the
  // focus goes to what comes next, once the dialog has given it back.
  const [acts, setActs] = useState(0);
  useEffect(() => {
    if (acts) nextStepRef.current?.focus();
  }, [acts]);
  const author = useEntityPresentation(change.createdBy).primaryTitle;
  // The first peer reviewer, named where a second review is still owed.
  const reviewer = useEntityPresentation(
    change.reviewed?.by ?? change.createdBy,
  ).primaryTitle;
  // Whether and why it may deploy: the server's verdict, with the freeze
  // and the blackouts of its entities, in the change's own answer.
  const verdict = change.deployVerdict;
  const deployHeld = change.allowedActions.includes('deploy') && verdict.heldBy;

  // Only a standard or infrastructure change is held back by the freeze.
  const raiseEmergency =
    change.type === 'emergency' ? undefined : () => setRaisingEmergency(true);

  const acted = (action: ChangeAction, warnings: PullRequestWarning[] = []) => {
    setNotice(undefined);
    setPullRequestWarnings(warnings);
    setDone(
      action === 'edit' ? 'Draft saved' : eventLabel(action, change.type),
    );
    reload();
    setActs(n => n + 1);
  };

  return (
    <Content>
      <ContentHeader
        title={change.title}
        titleComponent={<ChangeHeading ref={headingRef} change={change} />}
      >
        <ActionButtons
          change={change}
          held={deployHeld ? { deploy: DEPLOY_HELD_ID } : undefined}
          onActed={acted}
          onRaiseEmergency={raiseEmergency}
          onStale={() => {
            setNotice(STALE_NOTICE);
            reload();
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
        {pullRequestWarnings.length > 0 && (
          <Grid item xs={12}>
            <Alert
              severity="warning"
              onClose={() => setPullRequestWarnings([])}
            >
              Saved, but check its pull request:{' '}
              {pullRequestWarnings.map(w => w.message).join('; ')}
            </Alert>
          </Grid>
        )}
        {deployHeld && (
          <Grid item xs={12}>
            <DeployHeld
              id={DEPLOY_HELD_ID}
              window={deployHeld}
              onRaiseEmergency={raiseEmergency}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <ChangeWarnings change={change} events={events} />
        </Grid>
        <Grid item xs={12}>
          <ChangeStepper
            ref={nextStepRef}
            change={change}
            events={events}
            nextStep={describeNextStep(change, {
              authorName: author,
              reviewerName: change.reviewed ? reviewer : undefined,
              verdict,
              time: formatTime,
              riskPolicies: riskPoliciesFrom(change.riskPolicies),
            })}
          />
        </Grid>
        {plannedWindowOf(change) && (
          <Grid item xs={12}>
            <PlannedWindowCard change={change} />
          </Grid>
        )}
        <RiskCard change={change} />
        {change.pullRequestUrl && (
          <Grid item xs={12}>
            <PullRequestCard change={change} />
          </Grid>
        )}
        <Grid item xs={12} md={7}>
          <ChangeRecord change={change} />
        </Grid>
        <Grid item xs={12} md={5}>
          <EventTimeline events={events} type={change.type} />
        </Grid>
      </Grid>
      {raisingEmergency && (
        <RaiseChangeDialog
          open
          from={change}
          onClose={() => setRaisingEmergency(false)}
        />
      )}
      <Snackbar
        open={!!done}
        autoHideDuration={6000}
        onClose={() => setDone(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        <Alert severity="success" onClose={() => setDone(undefined)}>
          {done}
        </Alert>
      </Snackbar>
    </Content>
  );
};

/** One change: its record, where it stands, its history and what I may do. */
export const ChangePage = () => {
  const { id = '' } = useParams();
  const api = useApi(changeManagementApiRef);
  // Someone else acted on it: fetch it again, even while a fetch is under
  // way (the newest fetch is the one shown).
  const signal = useChangeSignal();
  const [moves, setMoves] = useState(0);
  useEffect(() => {
    if (signal?.changeId === id) setMoves(n => n + 1);
  }, [signal, id]);
  const { value, error, retry } = useAsyncRetry(async () => {
    const [change, events] = await Promise.all([
      api.getChange(id),
      api.listEvents(id),
    ]);
    return { change, events: events.items };
  }, [api, id, moves]);

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
  return (
    // Another change (one raised from this one) is a page of its own.
    <LoadedChange
      key={value.change.id}
      change={value.change}
      events={value.events}
      reload={retry}
    />
  );
};
