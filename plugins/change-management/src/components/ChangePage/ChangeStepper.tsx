import { InfoCard } from '@backstage/core-components';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import {
  Change,
  ChangeState,
  happyPath,
  stateOutcome,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';
import { formatState } from '../format';

/** The step a change was at when it left the normal path, from its events. */
function leftPathAt(
  state: ChangeState,
  events: ChangeEvent[],
): ChangeState | undefined {
  // A rolled-back emergency keeps recording events in rolled_back, so look
  // for the event that entered the state.
  return events.find(e => e.toState === state && e.fromState !== state)
    ?.fromState;
}

export type ChangeStepperProps = {
  change: Change;
  events: ChangeEvent[];
};

/** Where the change stands on the usual path of its type. */
export const ChangeStepper = ({ change, events }: ChangeStepperProps) => {
  const steps = happyPath(change.type);
  const offPath = !steps.includes(change.state);
  const stoppedAt = offPath ? leftPathAt(change.state, events) : undefined;
  const current = steps.indexOf(stoppedAt ?? change.state);
  const done = stateOutcome(change.state) === 'done';

  let summary = `Step ${current + 1} of ${steps.length}: ${formatState(
    change.state,
  )}`;
  if (done) {
    summary = `Completed: all ${steps.length} steps done`;
  } else if (offPath) {
    summary = `This change is ${formatState(change.state)}${
      stoppedAt ? ` (it left the workflow at ${formatState(stoppedAt)})` : ''
    }; it will not go further.`;
  }

  return (
    <InfoCard title="Workflow">
      <Stepper
        activeStep={done ? steps.length : current}
        alternativeLabel
        style={{ padding: 0, background: 'transparent' }}
      >
        {steps.map((step, index) => (
          <Step
            key={step}
            aria-current={index === current ? 'step' : undefined}
            completed={done || index < current}
          >
            <StepLabel error={offPath && index === current}>
              {formatState(step)}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      <Typography
        variant="body1"
        color={offPath ? 'error' : 'textPrimary'}
        style={{ marginTop: 16, fontWeight: offPath ? 'bold' : undefined }}
      >
        {summary}
      </Typography>
    </InfoCard>
  );
};
