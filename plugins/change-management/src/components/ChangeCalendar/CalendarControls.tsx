import { useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  Calendar,
  CHANGE_TYPES,
  ChangeType,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import { changeRouteRef } from '../../routes';
import { downloadBlob } from '../download';
import { useLabelProps } from '../readable';
import { SystemPicker } from '../SystemPicker';
import { calendarIcs } from './calendarIcs';

const SYSTEM_STYLE = { flex: '1 1 240px', maxWidth: 360 };

const day = (time: Date) => DateTime.fromJSDate(time).toISODate();

/**
 * The calendar's filters (the System, where the calendar is not an
 * entity's, and the type), the .ics download of the period shown, and what
 * its marks mean.
 */
export const CalendarControls = (props: {
  entityRef?: string;
  system?: string;
  onSystem: (entityRef?: string) => void;
  type?: ChangeType;
  onType: (type?: ChangeType) => void;
  calendar?: Calendar;
  from: Date;
  to: Date;
}) => {
  const { calendar } = props;
  const labelProps = useLabelProps();
  const changeLink = useRouteRef(changeRouteRef);

  const download = () => {
    if (!calendar) return;
    const file = calendarIcs(calendar, id =>
      new URL(changeLink({ id }), window.location.href).toString(),
    );
    downloadBlob(
      new Blob([file], { type: 'text/calendar' }),
      `change-calendar_${day(props.from)}_${day(props.to)}.ics`,
    );
  };

  return (
    <Box mb={2}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-end"
        style={{ gap: 16 }}
      >
        {!props.entityRef && (
          <SystemPicker
            id="calendar-system"
            style={SYSTEM_STYLE}
            value={props.system}
            onChange={props.onSystem}
          />
        )}
        <TextField
          id="calendar-type-filter"
          select
          SelectProps={{ displayEmpty: true }}
          InputLabelProps={labelProps}
          label="Type"
          value={props.type ?? ''}
          style={{ minWidth: 150 }}
          onChange={e =>
            props.onType((e.target.value || undefined) as ChangeType)
          }
        >
          <MenuItem value="">All types</MenuItem>
          {CHANGE_TYPES.map(t => (
            <MenuItem key={t} value={t}>
              {TYPE_LABELS[t]}
            </MenuItem>
          ))}
        </TextField>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={!calendar}
          onClick={download}
        >
          Download .ics
        </Button>
      </Box>
      <Typography variant="caption" component="p">
        Hatched days: a freeze or a blackout, named in the bar across them.
        Dashed outline: planned; filled: deployed. Each type has its colour, and
        emergencies are marked “Emergency”.
      </Typography>
    </Box>
  );
};
