import { ReactNode, useEffect } from 'react';
import {
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Theme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import {
  ChangeListItem,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import { ChangeListRequest, changeManagementApiRef } from '../../api';
import { ChangeStateChip } from '../ChangeStateChip';
import { formatTime } from '../format';
import { DueCell, EntityName, EntityNames, TitleCell } from './cells';
import { ExportList } from './ExportList';
import { ListFilters } from './ListFilters';
import { useListParams } from './useListParams';
import { useChangeSignal } from '../useChangeSignal';

/** A column of the list; `onPhone` keeps it on a narrow screen. */
export type ListColumn = TableColumn<ChangeListItem> & { onPhone?: boolean };

export type ChangesTableProps = {
  title: string;
  /** What to list; the table adds its own filters, search and paging. */
  query: Omit<ChangeListRequest, 'cursor' | 'limit' | 'search'>;
  /** Offer the state and type filters and the title search. */
  filters?: boolean;
  /** Offer the change log of what the list shows, as CSV. */
  exportable?: boolean;
  /** Show the entities each change affects (the portal's lists). */
  showAffected?: boolean;
  /**
   * The System whose history this is: each row then says through which of
   * its components or resources the change reached it.
   */
  systemRef?: string;
  /** Columns after the title, such as a queue's "Your action". */
  columns?: ListColumn[];
  /**
   * Splits the page into groups under their names, in the order the list
   * first reaches each one.
   */
  groupOf?: (change: ChangeListItem) => string;
  /** Shown instead of the table when there are no changes at all. */
  empty?: ReactNode;
  /** Shown beside the title, e.g. a button to raise one. */
  toolbar?: ReactNode;
  pageSize?: number;
  /** Told the changes of each page shown, e.g. to ask the server more of them. */
  onItems?: (items: ChangeListItem[]) => void;
};

/** The changes of a page by group, in the order the list reaches each. */
function grouped(
  items: ChangeListItem[],
  groupOf: (change: ChangeListItem) => string,
): [string, ChangeListItem[]][] {
  const groups = new Map<string, ChangeListItem[]>();
  for (const item of items) {
    const name = groupOf(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return [...groups];
}

/**
 * Changes one page at a time through the API's keyset cursors, with
 * optional filters and search; both and the page live in the URL. On a
 * phone only the title, state and due time stay (and the columns given
 * for a phone).
 */
export const ChangesTable = (props: ChangesTableProps) => {
  const { title, query, filters, showAffected, systemRef, empty, toolbar } =
    props;
  const { onItems } = props;
  const api = useApi(changeManagementApiRef);
  const params = useListParams();
  const narrow = useMediaQuery<Theme>(theme => theme.breakpoints.down('xs'));
  const page = params.cursors.length;
  const limit = props.pageSize ?? 25;

  const request: ChangeListRequest = {
    ...query,
    states: params.state ? [params.state] : query.states,
    type: params.type || query.type,
    search: params.search || undefined,
    limit,
    cursor: params.cursors[page - 1],
  };
  // Fetched again when a change moves, as someone else may have moved it
  // into or out of this list.
  const signal = useChangeSignal();
  const { value, loading, error } = useAsync(
    () => api.listChanges(request),
    [api, JSON.stringify(request), signal],
  );

  useEffect(() => {
    if (value) onItems?.(value.items);
  }, [value, onItems]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const unfiltered =
    !params.state && !params.type && !params.search && page === 0;
  if (empty && unfiltered && value && value.items.length === 0) {
    return <>{empty}</>;
  }

  // Cells wrap between words only ("Emergency", not "Emergenc / y").
  const column = ({
    onPhone,
    ...c
  }: ListColumn): TableColumn<ChangeListItem> => ({
    ...c,
    // Only a column that says how may be sorted (within the page shown).
    sorting: !!c.customSort,
    hidden: narrow && !onPhone,
    cellStyle: { wordBreak: 'normal' },
  });
  const affected = (c: ChangeListItem) =>
    systemRef
      ? c.affectedEntityRefs.filter(ref => ref !== systemRef)
      : c.affectedEntityRefs;
  const listColumns: ListColumn[] = [
    { title: 'Title', render: c => <TitleCell change={c} />, onPhone: true },
    ...(props.columns ?? []),
    ...(systemRef || showAffected
      ? [
          {
            title: systemRef ? 'Via' : 'Affects',
            render: (c: ChangeListItem) =>
              affected(c).length ? (
                <EntityNames refs={affected(c)} />
              ) : (
                'the system itself'
              ),
          },
        ]
      : []),
    { title: 'Type', render: c => TYPE_LABELS[c.type] },
    {
      title: 'State',
      render: c => <ChangeStateChip state={c.state} />,
      onPhone: true,
    },
    {
      title: 'Author',
      render: c => <EntityName entityRef={c.createdBy} />,
    },
    { title: 'Raised', render: c => formatTime(c.createdAt) },
    { title: 'Due', render: c => <DueCell change={c} />, onPhone: true },
  ];
  const columns = listColumns.map(column);

  const items = value?.items ?? [];
  const table = (rows: ChangeListItem[]) => (
    <Table<ChangeListItem>
      isLoading={loading}
      options={{
        toolbar: false,
        paging: false,
        search: false,
        sorting: columns.some(c => c.sorting),
        // A draggable header is a button around the sort label's button:
        // nested controls, which axe refuses.
        draggable: false,
        padding: 'dense',
      }}
      columns={columns}
      data={rows}
      localization={{ body: { emptyDataSourceMessage: 'No changes match' } }}
    />
  );

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
        {props.exportable && value && (
          <ExportList
            filters={{
              entityRef: request.entityRef,
              states: request.states,
              type: request.type,
              search: request.search,
            }}
            // Every page before this one was full.
            shown={page * limit + items.length}
            more={!!value.nextCursor}
          />
        )}
        {toolbar}
      </Box>
      {filters && <ListFilters />}
      {props.groupOf && items.length
        ? grouped(items, props.groupOf).map(([name, rows]) => (
            <Box key={name} mb={3}>
              <Typography variant="subtitle1" component="h3" gutterBottom>
                {`${name} (${rows.length})`}
              </Typography>
              {table(rows)}
            </Box>
          ))
        : table(items)}
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
