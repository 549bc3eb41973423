import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import { Change } from '@internal/backstage-plugin-change-management-common';
import { DateTime } from 'luxon';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { ChangeStateChip } from '../ChangeStateChip';

const formatTime = (iso?: string) =>
  iso ? DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED) : '—';

const columns: TableColumn<Change>[] = [
  { title: 'ID', field: 'id', render: c => c.id.slice(0, 8) },
  { title: 'Title', field: 'title' },
  { title: 'Type', field: 'type' },
  {
    title: 'State',
    field: 'state',
    render: c => <ChangeStateChip state={c.state} />,
  },
  { title: 'Author', field: 'createdBy' },
  { title: 'Raised', field: 'createdAt', render: c => formatTime(c.createdAt) },
  {
    title: 'Deployed',
    field: 'deployed.at',
    render: c => formatTime(c.deployed?.at),
  },
  {
    title: 'Overdue',
    field: 'overdue',
    render: c => (c.overdue ? 'Retrospective overdue' : ''),
  },
];

/**
 * The Changes tab of a catalog entity: its changes, newest first. On a
 * System it also lists the changes to the System's components and resources.
 *
 * @public
 */
export const EntityChangesContent = () => {
  const { entity } = useEntity();
  const api = useApi(changeManagementApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () => api.listChanges({ entityRef }),
    [api, entityRef],
  );

  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value?.items.length) {
    return (
      <EmptyState
        missing="data"
        title="No changes yet"
        description={`Changes raised against ${entityRef} will be listed here, with their approvals and deployments.`}
        action={
          <Button variant="contained" color="primary" disabled>
            Raise a change
          </Button>
        }
      />
    );
  }
  return (
    <Table<Change>
      title="Changes"
      options={{ paging: false, search: false }}
      columns={columns}
      data={value.items}
    />
  );
};
