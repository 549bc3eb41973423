import { useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogApiRef,
  defaultEntityPresentation,
  EntityDisplayName,
} from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';

const KINDS = ['Component', 'Resource', 'System', 'API'];

/**
 * Picks the catalog entities a change affects, by their names in the
 * catalog ("Payments service"), each with its ref beneath. The catalog is
 * only asked once the field is opened, so the form itself costs no request.
 */
export const EntityPicker = (props: {
  value: string[];
  onChange: (refs: string[]) => void;
  /** The focus left the field. */
  onBlur?: () => void;
  /** The text input, to take the focus to it. */
  inputRef?: (element: HTMLInputElement | null) => void;
  error?: string;
  required?: boolean;
}) => {
  const catalogApi = useApi(catalogApiRef);
  const [opened, setOpened] = useState(false);
  const { value: titles = new Map<string, string>(), loading } =
    useAsync(async () => {
      if (!opened) return new Map<string, string>();
      const { items } = await catalogApi.getEntities({
        filter: { kind: KINDS },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
        ],
      });
      return new Map(
        items.map(e => [
          stringifyEntityRef(e),
          defaultEntityPresentation(e).primaryTitle,
        ]),
      );
    }, [opened, catalogApi]);
  const options = [...titles.keys()].sort();

  return (
    <Autocomplete
      id="raise-change-entities"
      multiple
      options={options}
      loading={loading}
      value={props.value}
      onOpen={() => setOpened(true)}
      onChange={(_, refs) => props.onChange(refs)}
      onBlur={props.onBlur}
      filterSelectedOptions
      // Typing finds an entity by its name or its ref.
      getOptionLabel={ref => `${titles.get(ref) ?? ''} ${ref}`}
      renderOption={ref => (
        <div>
          <Typography variant="body2">{titles.get(ref) ?? ref}</Typography>
          <Typography variant="caption" color="textSecondary">
            {ref}
          </Typography>
        </div>
      )}
      renderTags={(refs, getTagProps) =>
        refs.map((ref, index) => (
          <Chip
            {...getTagProps({ index })}
            key={ref}
            size="small"
            label={<EntityDisplayName entityRef={ref} hideIcon />}
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          inputRef={props.inputRef}
          label="Affected entities"
          margin="normal"
          required={props.required}
          error={!!props.error}
          helperText={
            props.error ?? 'Services, resources and systems this change touches'
          }
        />
      )}
    />
  );
};
