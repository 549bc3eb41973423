import { CSSProperties, useState } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import { useHelperTextProps } from './readable';

const nameOf = (system: Entity) =>
  system.metadata.title ?? system.metadata.name;

/**
 * One System of the catalog, or none for all of them. The catalog is asked
 * for the Systems only when the list is first opened.
 */
export const SystemPicker = (props: {
  id: string;
  value?: string;
  onChange: (entityRef?: string) => void;
  style?: CSSProperties;
}) => {
  const { value, onChange } = props;
  const helpProps = useHelperTextProps();
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
  const selected = systems.find(s => stringifyEntityRef(s) === value) ?? null;

  return (
    <Autocomplete
      id={props.id}
      style={props.style}
      options={systems}
      loading={loading}
      value={selected}
      onOpen={() => setOpened(true)}
      getOptionLabel={nameOf}
      getOptionSelected={(a, b) =>
        stringifyEntityRef(a) === stringifyEntityRef(b)
      }
      onChange={(_, system) =>
        onChange(system ? stringifyEntityRef(system) : undefined)
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
  );
};
