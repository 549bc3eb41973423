import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { AuditPeriod } from '../../api';
import { useHelperTextProps, useLabelProps } from '../readable';
import { SystemPicker } from '../SystemPicker';

/** Room for a whole date, and for the System's name, on a phone too. */
const DATE_STYLE = { width: 150 };
const SYSTEM_STYLE = { flex: '1 1 280px', maxWidth: 400 };

/**
 * The period under audit, From to To (not included), and optionally one
 * System: its changes and those of its parts.
 */
export const PeriodPicker = (props: {
  value: AuditPeriod;
  onChange: (period: AuditPeriod) => void;
  error?: string;
}) => {
  const { value, onChange } = props;
  const labelProps = useLabelProps();
  const toHelpProps = useHelperTextProps(Boolean(props.error));

  return (
    // Wraps on a phone: the dates side by side, the System below them.
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-start"
      style={{ gap: 16 }}
    >
      <TextField
        id="audit-from"
        type="date"
        label="From"
        style={DATE_STYLE}
        value={value.from}
        onChange={e => onChange({ ...value, from: e.target.value })}
        InputLabelProps={labelProps}
      />
      <TextField
        id="audit-to"
        type="date"
        label="To"
        style={DATE_STYLE}
        value={value.to}
        onChange={e => onChange({ ...value, to: e.target.value })}
        InputLabelProps={labelProps}
        error={Boolean(props.error)}
        helperText={props.error ?? 'Not included'}
        FormHelperTextProps={toHelpProps}
      />
      <SystemPicker
        id="audit-system"
        style={SYSTEM_STYLE}
        value={value.entityRef}
        onChange={entityRef => onChange({ ...value, entityRef })}
      />
    </Box>
  );
};
