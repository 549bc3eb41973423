import { useState } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { AuditPeriod } from '../../api';
import { useHelperTextProps, useLabelProps } from '../readable';

/** Room for a whole date, and for the System's name, on a phone too. */
const DATE_STYLE = { width: 150 };
const SYSTEM_STYLE = { flex: '1 1 280px', maxWidth: 400 };

const nameOf = (system: Entity) =>
  system.metadata.title ?? system.metadata.name;

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
  const helpProps = useHelperTextProps();
  const toHelpProps = useHelperTextProps(Boolean(props.error));
  const catalogApi = useApi(catalogApiRef);
  const [opened, setOpened] = useState(false);
  const { value: systems = [], loading } = useAsync(async () => {
    if (!opened) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'System' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items.sort((a, b) => nameOf(a).localeCompare(nameOf(b)));
  }, [opened, catalogApi]);
  const selected =
    systems.find(s => stringifyEntityRef(s) === value.entityRef) ?? null;

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
      <Autocomplete
        id="audit-system"
        style={SYSTEM_STYLE}
        options={systems}
        loading={loading}
        value={selected}
        onOpen={() => setOpened(true)}
        getOptionLabel={nameOf}
        getOptionSelected={(a, b) =>
          stringifyEntityRef(a) === stringifyEntityRef(b)
        }
        onChange={(_, system) =>
          onChange({
            ...value,
            entityRef: system ? stringifyEntityRef(system) : undefined,
          })
        }
        renderInput={params => (
          <TextField
            {...params}
            label="System"
            helperText="All Systems when empty"
            FormHelperTextProps={helpProps}
          />
        )}
      />
    </Box>
  );
};
