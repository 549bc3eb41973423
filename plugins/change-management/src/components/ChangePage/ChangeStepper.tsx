import { forwardRef } from 'react';
import { InfoCard } from '@backstage/core-components';
import Step from '@material-ui/core/Step';
import StepLabel from '@material-ui/core/StepLabel';
import Stepper from '@material-ui/core/Stepper';
import Typography from '@material-ui/core/Typography';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import { Theme } from '@material-ui/core/styles';
import {
  Change,
  ChangeState,
  happyPath,
  STATE_LABELS,
  stateOutcome,
} from '@trove/backstage-plugin-change-management-common';
import { ChangeEvent } from '../../api';

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
  /** Who acts next, in one sentence (describeNextStep). */
  nextStep: string;
};

/**
 * Where the change stands on the usual path of its type, and who acts
 * next. Vertical on narrow screens, where eight steps do not fit a row,
 * with the one-line summary above them.
 * The sentence takes the focus after an action, so that it is read out.
 */
export const ChangeStepper = forwardRef<
  HTMLParagraphElement,
  ChangeStepperProps
>(({ change, events, nextStep }, nextStepRef) => {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('xs'));
  const steps = happyPath(change.type);
  const offPath = !steps.includes(change.state);
  const stoppedAt = offPath ? leftPathAt(change.state, events) : undefined;
  const current = steps.indexOf(stoppedAt ?? change.state);
  const done = stateOutcome(change.state) === 'done';

  let summary = `Step ${current + 1} of ${steps.length}: ${
    STATE_LABELS[change.state]
  }`;
  if (done) {
    summary = `All ${steps.length} steps done`;
  } else if (offPath) {
    summary = `${STATE_LABELS[change.state]}${
      stoppedAt ? ` (it left the workflow at ${STATE_LABELS[stoppedAt]})` : ''
    }`;
  }

  // Where it stands and who acts next: first on a phone, where the eight
  // steps stand one under another and would push it below the fold.
  const where = (
    <div style={narrow ? { marginBottom: 16 } : { marginTop: 16 }}>
      <Typography variant="body2" color={offPath ? 'error' : 'textSecondary'}>
        {summary}
      </Typography>
      <Typography
        variant="h6"
        component="p"
        tabIndex={-1}
        ref={nextStepRef}
        style={{ marginTop: 4, outline: 'none' }}
      >
        {nextStep}
      </Typography>
    </div>
  );

  return (
    <InfoCard title="Workflow">
      {narrow && where}
      <Stepper
        activeStep={done ? steps.length : current}
        alternativeLabel={!narrow}
        orientation={narrow ? 'vertical' : 'horizontal'}
        style={{ padding: 0, background: 'transparent' }}
      >
        {steps.map((step, index) => (
          <Step
            key={step}
            aria-current={index === current ? 'step' : undefined}
            completed={done || index < current}
          >
            <StepLabel error={offPath && index === current}>
              {STATE_LABELS[step]}
            </StepLabel>
          </Step>
        ))}
      </Stepper>
      {!narrow && where}
    </InfoCard>
  );
});
