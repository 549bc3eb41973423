import { useState } from 'react';
import { EmptyState } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  useEntity,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { LazyChangeCalendar } from '../ChangeCalendar';
import { ChangeMetrics } from '../ChangeMetrics';
import { ChangesTable } from '../ChangesTable';
import { FreezeBanner } from '../FreezeBanner';
import { LockdownBanner } from '../Lockdowns';
import { RaiseChangeDialog } from '../RaiseChangeDialog';

/**
 * The Changes tab of a catalog entity: its changes, newest first. On a
 * System it also lists the changes to the System's components and
 * resources, saying through which one, and exports what it shows as CSV.
 * Below the list, its delivery metrics. Three requests on first render: the
 * freeze status, the first page and the metrics. The calendar of the same
 * changes is the second view (`?show=calendar`).
 *
 * @public
 */
export const EntityChangesContent = () => {
  const { entity } = useEntity();
  const api = useApi(changeManagementApiRef);
  const entityRef = stringifyEntityRef(entity);
  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  // People read the entity's title or name, not its ref.
  const { primaryTitle } = useEntityPresentation(entity);
  const [raising, setRaising] = useState(false);
  const freeze = useAsync(() => api.getFreeze({ entityRef }), [api, entityRef]);
  const [params, setParams] = useSearchParams();
  const shown = params.get('show') === 'calendar' ? 'calendar' : 'list';
  const show = (_: unknown, view: string) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        if (view === 'calendar') next.set('show', view);
        else next.delete('show');
        return next;
      },
      { replace: true },
    );

  const raiseButton = (
    <Button
      variant="contained"
      color="primary"
      onClick={() => setRaising(true)}
    >
      Raise a change
    </Button>
  );

  return (
    <>
      <FreezeBanner status={freeze.value} />
      <LockdownBanner entityRef={entityRef} />
      <Tabs
        value={shown}
        onChange={show}
        indicatorColor="primary"
        textColor="primary"
        aria-label="Show the changes as"
      >
        <Tab value="list" label="List" id="entity-changes-list" />
        <Tab value="calendar" label="Calendar" id="entity-changes-calendar" />
      </Tabs>
      <Box pt={2} role="tabpanel" aria-labelledby={`entity-changes-${shown}`}>
        {shown === 'calendar' ? (
          <LazyChangeCalendar entityRef={entityRef} />
        ) : (
          <>
            <ChangesTable
              title="Changes"
              query={{ entityRef }}
              filters
              exportable={isSystem}
              toolbar={raiseButton}
              systemRef={isSystem ? entityRef : undefined}
              empty={
                <EmptyState
                  missing="data"
                  title="No changes yet"
                  description={`Changes raised against ${primaryTitle}${
                    isSystem ? ' or anything that is part of it' : ''
                  } will be listed here, with their reviews, approvals and deployments.`}
                  action={raiseButton}
                />
              }
            />
            <Box mt={3}>
              <ChangeMetrics entityRef={entityRef} />
            </Box>
          </>
        )}
      </Box>
      {raising && (
        <RaiseChangeDialog
          open
          onClose={() => setRaising(false)}
          entityRef={entityRef}
        />
      )}
    </>
  );
};
