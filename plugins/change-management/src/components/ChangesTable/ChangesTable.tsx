import { ReactNode, useState } from 'react';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  Change,
  CHANGE_STATES,
  CHANGE_TYPES,
  ChangeState,
  ChangeType,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import { ChangeListRequest, changeManagementApiRef } from '../../api';
import { changeRouteRef } from '../../routes';
import { ChangeStateChip } from '../ChangeStateChip';
import { formatState, formatTime } from '../format';

export type ChangesTableProps = {
  title: string;
  /** What to list; the table adds its own filters and paging. */
  query: Omit<ChangeListRequest, 'cursor' | 'limit'>;
  /** Show the state and type filters. */
  filters?: boolean;
  /**
   * The System whose history this is: each row then says through which of
   * its components or resources the change reached it.
   */
  systemRef?: string;
  /** Shown instead of the table when there are no changes at all. */
  empty?: ReactNode;
  /** Shown above the table, beside the filters, e.g. a button to raise one. */
  toolbar?: ReactNode;
  pageSize?: number;
};

/**
 * Changes newest first, one page at a time through the API's keyset
 * cursors, with optional state and type filters.
 */
export const ChangesTable = (props: ChangesTableProps) => {
  const {
    title,
    query,
    filters,
    systemRef,
    empty,
    toolbar,
    pageSize = 25,
  } = props;
  const api = useApi(changeManagementApiRef);
  const changeLink = useRouteRef(changeRouteRef);
  const [state, setState] = useState<ChangeState | ''>('');
  const [type, setType] = useState<ChangeType | ''>('');
  // cursors[i] is the cursor that loads page i; page 0 has none.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;

  const request: ChangeListRequest = {
    ...query,
    states: state ? [state] : query.states,
    type: type || query.type,
    limit: pageSize,
    cursor: cursors[page],
  };
  const { value, loading, error } = useAsync(
    () => api.listChanges(request),
    [api, JSON.stringify(request)],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const unfiltered = !state && !type && page === 0;
  if (empty && unfiltered && value && value.items.length === 0) {
    return <>{empty}</>;
  }

  const resetTo =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setCursors([undefined]);
    };

  const columns: TableColumn<Change>[] = [
    {
      title: 'ID',
      field: 'id',
      render: c => (
        <Link to={changeLink({ id: c.id })}>{c.id.slice(0, 8)}</Link>
      ),
    },
    {
      title: 'Title',
      field: 'title',
      render: c => <Link to={changeLink({ id: c.id })}>{c.title}</Link>,
    },
    { title: 'Type', field: 'type' },
    {
      title: 'State',
      field: 'state',
      render: c => <ChangeStateChip state={c.state} />,
    },
    ...(systemRef
      ? [
          {
            title: 'Via',
            render: (c: Change) =>
              c.affectedEntityRefs
                .filter(ref => ref !== systemRef)
                .join(', ') || 'the system itself',
          },
        ]
      : []),
    { title: 'Author', field: 'createdBy' },
    {
      title: 'Raised',
      field: 'createdAt',
      render: c => formatTime(c.createdAt),
    },
    { title: 'Deployed', render: c => formatTime(c.deployed?.at) },
    {
      title: 'Overdue',
      render: c => (c.overdue ? <strong>Retrospective overdue</strong> : ''),
    },
  ];

  return (
    <>
      <Box display="flex" alignItems="flex-end" mb={2} style={{ gap: 16 }}>
        {filters && (
          <>
            <TextField
              id="change-state-filter"
              select
              SelectProps={{ displayEmpty: true }}
              InputLabelProps={{ shrink: true }}
              label="State"
              value={state}
              style={{ minWidth: 200 }}
              onChange={e => resetTo(setState)(e.target.value as ChangeState)}
            >
              <MenuItem value="">All states</MenuItem>
              {CHANGE_STATES.map(s => (
                <MenuItem key={s} value={s}>
                  {formatState(s)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              id="change-type-filter"
              select
              SelectProps={{ displayEmpty: true }}
              InputLabelProps={{ shrink: true }}
              label="Type"
              value={type}
              style={{ minWidth: 160 }}
              onChange={e => resetTo(setType)(e.target.value as ChangeType)}
            >
              <MenuItem value="">All types</MenuItem>
              {CHANGE_TYPES.map(t => (
                <MenuItem key={t} value={t}>
                  {t}
                </MenuItem>
              ))}
            </TextField>
          </>
        )}
        <Box flexGrow={1} />
        {toolbar}
      </Box>
      <Table<Change>
        title={title}
        isLoading={loading}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={value?.items ?? []}
        localization={{ body: { emptyDataSourceMessage: 'No changes match' } }}
      />
      <Box display="flex" justifyContent="flex-end" mt={1} style={{ gap: 8 }}>
        <Button
          disabled={page === 0 || loading}
          onClick={() => setCursors(cursors.slice(0, -1))}
        >
          Previous page
        </Button>
        <Button
          disabled={!value?.nextCursor || loading}
          onClick={() => setCursors([...cursors, value?.nextCursor])}
        >
          Next page
        </Button>
      </Box>
    </>
  );
};
