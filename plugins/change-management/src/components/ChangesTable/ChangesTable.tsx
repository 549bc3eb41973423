import { ReactNode, useState } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import {
  CHANGE_STATES,
  CHANGE_TYPES,
  ChangeListItem,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { ChangeListRequest, changeManagementApiRef } from '../../api';
import { ChangeStateChip } from '../ChangeStateChip';
import { formatTime } from '../format';
import { DueCell, EntityName, EntityNames, TitleCell } from './cells';
import { useListParams } from './useListParams';
import { useChangeSignal } from '../useChangeSignal';

export type ChangesTableProps = {
  title: string;
  /** What to list; the table adds its own filters, search and paging. */
  query: Omit<ChangeListRequest, 'cursor' | 'limit' | 'search'>;
  /** Offer the state and type filters and the title search. */
  filters?: boolean;
  /** Show the entities each change affects (the portal's lists). */
  showAffected?: boolean;
  /**
   * The System whose history this is: each row then says through which of
   * its components or resources the change reached it.
   */
  systemRef?: string;
  /** Shown instead of the table when there are no changes at all. */
  empty?: ReactNode;
  /** Shown beside the title, e.g. a button to raise one. */
  toolbar?: ReactNode;
  pageSize?: number;
};

/**
 * The filters' labels in the text colour: MUI's grey fails WCAG AA contrast
 * on Backstage's grey page background.
 */
const useLabelStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.primary },
}));

const useLabelProps = () => {
  const classes = useLabelStyles();
  return { shrink: true, className: classes.label };
};

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

/**
 * Changes one page at a time through the API's keyset cursors, with
 * optional filters and search; both and the page live in the URL. On a
 * phone only the title, state and due time stay.
 */
export const ChangesTable = (props: ChangesTableProps) => {
  const { title, query, filters, showAffected, systemRef, empty, toolbar } =
    props;
  const api = useApi(changeManagementApiRef);
  const params = useListParams();
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('xs'));
  const labelProps = useLabelProps();
  const page = params.cursors.length;

  const request: ChangeListRequest = {
    ...query,
    states: params.state ? [params.state] : query.states,
    type: params.type || query.type,
    search: params.search || undefined,
    limit: props.pageSize ?? 25,
    cursor: params.cursors[page - 1],
  };
  // Fetched again when a change moves, as someone else may have moved it
  // into or out of this list.
  const signal = useChangeSignal();
  const { value, loading, error } = useAsync(
    () => api.listChanges(request),
    [api, JSON.stringify(request), signal],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const unfiltered =
    !params.state && !params.type && !params.search && page === 0;
  if (empty && unfiltered && value && value.items.length === 0) {
    return <>{empty}</>;
  }

  // Cells wrap between words only ("Emergency", not "Emergenc / y").
  const column = (
    c: TableColumn<ChangeListItem>,
    onPhone = false,
  ): TableColumn<ChangeListItem> => ({
    ...c,
    hidden: narrow && !onPhone,
    cellStyle: { wordBreak: 'normal' },
  });
  const affected = (c: ChangeListItem) =>
    systemRef
      ? c.affectedEntityRefs.filter(ref => ref !== systemRef)
      : c.affectedEntityRefs;
  const columns: TableColumn<ChangeListItem>[] = [
    column({ title: 'Title', render: c => <TitleCell change={c} /> }, true),
    ...(systemRef || showAffected
      ? [
          column({
            title: systemRef ? 'Via' : 'Affects',
            render: c =>
              affected(c).length ? (
                <EntityNames refs={affected(c)} />
              ) : (
                'the system itself'
              ),
          }),
        ]
      : []),
    column({ title: 'Type', render: c => TYPE_LABELS[c.type] }),
    column(
      { title: 'State', render: c => <ChangeStateChip state={c.state} /> },
      true,
    ),
    column({
      title: 'Author',
      render: c => <EntityName entityRef={c.createdBy} />,
    }),
    column({ title: 'Raised', render: c => formatTime(c.createdAt) }),
    column({ title: 'Due', render: c => <DueCell change={c} /> }, true),
  ];

  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={2}
        style={{ gap: 16 }}
      >
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        <Box flexGrow={1} />
        {toolbar}
      </Box>
      {filters && (
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
      )}
      <Table<ChangeListItem>
        isLoading={loading}
        options={{
          toolbar: false,
          paging: false,
          search: false,
          sorting: false,
          padding: 'dense',
        }}
        columns={columns}
        data={value?.items ?? []}
        localization={{ body: { emptyDataSourceMessage: 'No changes match' } }}
      />
      <Box display="flex" justifyContent="flex-end" mt={1} style={{ gap: 8 }}>
        <Button disabled={page === 0 || loading} onClick={params.previousPage}>
          Previous page
        </Button>
        <Button
          disabled={!value?.nextCursor || loading}
          onClick={() => value?.nextCursor && params.nextPage(value.nextCursor)}
        >
          Next page
        </Button>
      </Box>
    </>
  );
};
