import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

const KINDS = ['Component', 'Resource', 'System', 'API'];

/**
 * Picks the catalog entities a change affects. The catalog is only asked
 * once the field is opened, so the form itself costs no request.
 */
export const EntityPicker = (props: {
  value: string[];
  onChange: (refs: string[]) => void;
  error?: string;
}) => {
  const catalogApi = useApi(catalogApiRef);
  const [opened, setOpened] = useState(false);
  const { value: options = [], loading } = useAsync(async () => {
    if (!opened) return [];
    const { items } = await catalogApi.getEntities({
      filter: { kind: KINDS },
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    });
    return items.map(e => stringifyEntityRef(e)).sort();
  }, [opened, catalogApi]);

  return (
    <Autocomplete
      id="raise-change-entities"
      multiple
      options={options}
      loading={loading}
      value={props.value}
      onOpen={() => setOpened(true)}
      onChange={(_, refs) => props.onChange(refs)}
      filterSelectedOptions
      renderInput={params => (
        <TextField
          {...params}
          label="Affected entities"
          margin="normal"
          error={!!props.error}
          helperText={
            props.error ?? 'Services, resources and systems this change touches'
          }
        />
      )}
    />
  );
};
