import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  ChangeType,
  FREE_SLOT_HORIZON_DAYS,
} from '@trove/backstage-plugin-change-management-common';
import { changeManagementApiRef } from '../../api';
import { describeFailure } from '../errors';
import { describeWindow } from '../PlannedWindow';

type Unit = 'minutes' | 'hours';

const MINUTES: Record<Unit, number> = { minutes: 1, hours: 60 };

/**
 * "Next free slot": a duration, and a button that asks the server for the
 * earliest window of it with no conflict (GET /free-slot) from the chosen
 * start, or from now, and fills the window in. When there is none, the
 * server's reason is shown.
 */
export const FreeSlotFinder = (props: {
  entityRefs: string[];
  type: ChangeType;
  /** The chosen start, ISO; now when there is none. */
  earliestStart?: string;
  excludeId?: string;
  onFound: (start: string, end: string) => void;
}) => {
  const api = useApi(changeManagementApiRef);
  const [amount, setAmount] = useState('1');
  const [unit, setUnit] = useState<Unit>('hours');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ found: boolean; text: string }>();
  const noEntities = props.entityRefs.length === 0;

  const find = async () => {
    setBusy(true);
    setOutcome(undefined);
    try {
      // The server judges the duration (a whole number, up to a week).
      const slot = await api.findFreeSlot({
        entityRefs: props.entityRefs,
        type: props.type,
        durationMinutes: Number(amount) * MINUTES[unit],
        earliestStart: props.earliestStart ?? new Date().toISOString(),
        excludeId: props.excludeId,
      });
      if (slot.start && slot.end) {
        props.onFound(slot.start, slot.end);
        setOutcome({
          found: true,
          text: `Next free slot filled in: ${describeWindow(
            slot.start,
            slot.end,
          )}.`,
        });
      } else {
        setOutcome({
          found: false,
          text: slot.reason ?? 'No free slot was found.',
        });
      }
    } catch (error) {
      setOutcome({ found: false, text: describeFailure(error).message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box mt={1}>
      <Box
        display="flex"
        alignItems="flex-end"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <TextField
          id="raise-change-slot-duration"
          label="Duration"
          type="number"
          value={amount}
          onChange={e => setAmount(e.target.value)}
          inputProps={{ min: 1 }}
          style={{ width: 100 }}
        />
        <TextField
          id="raise-change-slot-unit"
          select
          label="Unit"
          value={unit}
          onChange={e => setUnit(e.target.value as Unit)}
          style={{ width: 120 }}
        >
          <MenuItem value="minutes">minutes</MenuItem>
          <MenuItem value="hours">hours</MenuItem>
        </TextField>
        <Button variant="outlined" onClick={find} disabled={busy || noEntities}>
          Next free slot
        </Button>
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        {noEntities
          ? 'Pick the affected entities to look for a free slot.'
          : `The earliest window with nothing in its way, from the planned start or from now, within ${FREE_SLOT_HORIZON_DAYS} days.`}
      </Typography>
      <div role="status">
        {outcome && (
          <Alert severity={outcome.found ? 'success' : 'info'} role="none">
            {outcome.text}
          </Alert>
        )}
      </div>
    </Box>
  );
};
