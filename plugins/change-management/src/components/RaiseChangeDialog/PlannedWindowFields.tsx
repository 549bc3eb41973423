import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ChangeType,
  plannedWindowIssues,
  plannedWindowOf,
} from '@trove/backstage-plugin-change-management-common';
import { describeFailure } from '../errors';
import {
  fromLocalInput,
  localZone,
  PlannedWindowNotes,
  toLocalInput,
} from '../PlannedWindow';
import { FreeSlotFinder } from './FreeSlotFinder';
import { useConflicts } from './useConflicts';

type WindowInput = 'plannedStart' | 'plannedEnd';

/**
 * The optional planned window of the draft form: its start and end in the
 * user's zone, what the server says of it as entities, type and window are
 * picked (warnings and conflicts), and the next free slot in one click.
 */
export const PlannedWindowFields = (props: {
  /** The inputs' values, as datetime-local values. */
  plannedStart: string;
  plannedEnd: string;
  entityRefs: string[];
  type: ChangeType;
  /** The draft being edited: left out of its own conflicts. */
  excludeId?: string;
  onChange: (input: WindowInput, value: string) => void;
  /** The form's own props of an input: id, ref, error beside it. */
  fieldProps: (input: WindowInput) => TextFieldProps;
}) => {
  const { entityRefs, type, excludeId } = props;
  const plannedStart = fromLocalInput(props.plannedStart);
  const plannedEnd = fromLocalInput(props.plannedEnd);
  // Asked only of a full window the server would take (the same judge).
  const window = plannedWindowOf({ plannedStart, plannedEnd });
  const full =
    window &&
    entityRefs.length > 0 &&
    plannedWindowIssues({ plannedStart, plannedEnd }).length === 0;
  const answer = useConflicts(
    full ? { ...window, entityRefs, type, excludeId } : undefined,
  );

  const input = (name: WindowInput, label: string, hint: ReactNode) => {
    const own = props.fieldProps(name);
    return (
      <TextField
        {...own}
        fullWidth={false}
        type="datetime-local"
        label={label}
        value={props[name]}
        onChange={e => props.onChange(name, e.target.value)}
        InputLabelProps={{ shrink: true }}
        helperText={own.helperText ?? hint}
      />
    );
  };

  return (
    <Box component="fieldset" border={0} p={0} m={0} mt={2}>
      <Typography component="legend" variant="subtitle1">
        Planned window (optional)
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        {input('plannedStart', 'Planned start', `In ${localZone()}`)}
        {input('plannedEnd', 'Planned end', 'Exclusive')}
      </Box>
      <FreeSlotFinder
        entityRefs={entityRefs}
        type={type}
        earliestStart={plannedStart}
        excludeId={excludeId}
        onFound={(start, end) => {
          props.onChange('plannedStart', toLocalInput(start));
          props.onChange('plannedEnd', toLocalInput(end));
        }}
      />
      <Box aria-live="polite" mt={1}>
        {answer.error && (
          <Typography variant="body2" color="error">
            {`The window could not be checked: ${
              describeFailure(answer.error).message
            }`}
          </Typography>
        )}
        {answer.value && (
          <PlannedWindowNotes
            warnings={answer.value.windowWarnings}
            conflicts={answer.value.conflicts}
          />
        )}
      </Box>
    </Box>
  );
};
