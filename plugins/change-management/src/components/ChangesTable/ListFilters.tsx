import { useState } from 'react';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  CHANGE_STATES,
  CHANGE_TYPES,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import useDebounce from 'react-use/esm/useDebounce';
import { useLabelProps } from '../readable';
import { useListParams } from './useListParams';

/** The title search: typed freely, put in the URL once typing pauses. */
const SearchField = (props: {
  value: string;
  onSearch: (q: string) => void;
}) => {
  const [text, setText] = useState(props.value);
  const labelProps = useLabelProps();
  useDebounce(() => text !== props.value && props.onSearch(text), 300, [text]);
  return (
    <TextField
      id="change-title-search"
      type="search"
      label="Search titles"
      InputLabelProps={labelProps}
      value={text}
      onChange={e => setText(e.target.value)}
    />
  );
};

/** A list's title search and its state and type filters, in the URL. */
export const ListFilters = () => {
  const params = useListParams();
  const labelProps = useLabelProps();
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="flex-end"
      mb={2}
      style={{ gap: 16 }}
    >
      <SearchField
        value={params.search}
        onSearch={q => params.setFilter('q', q)}
      />
      <TextField
        id="change-state-filter"
        select
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={labelProps}
        label="State"
        value={params.state ?? ''}
        style={{ minWidth: 180 }}
        onChange={e => params.setFilter('state', e.target.value)}
      >
        <MenuItem value="">All states</MenuItem>
        {CHANGE_STATES.map(s => (
          <MenuItem key={s} value={s}>
            {STATE_LABELS[s]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="change-type-filter"
        select
        SelectProps={{ displayEmpty: true }}
        InputLabelProps={labelProps}
        label="Type"
        value={params.type ?? ''}
        style={{ minWidth: 150 }}
        onChange={e => params.setFilter('type', e.target.value)}
      >
        <MenuItem value="">All types</MenuItem>
        {CHANGE_TYPES.map(t => (
          <MenuItem key={t} value={t}>
            {TYPE_LABELS[t]}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
};
