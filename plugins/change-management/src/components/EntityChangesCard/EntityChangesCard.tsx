import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { ChangeDebt } from './ChangeDebt';
import { LockdownBanner } from '../Lockdowns';

/**
 * The entity's change debt, for its Overview tab: the freeze, the changes
 * in flight (on a System, also those to its parts), the overdue
 * retrospectives and the last production change. Two requests: the
 * summary and the freeze.
 *
 * @public
 */
export const EntityChangesCard = () => {
  const { entity } = useEntity();
  const api = useApi(changeManagementApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { value, loading, error } = useAsync(
    () =>
      Promise.all([api.getSummary(entityRef), api.getFreeze({ entityRef })]),
    [api, entityRef],
  );

  return (
    <InfoCard title="Changes">
      <LockdownBanner entityRef={entityRef} />
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && (
        <ChangeDebt
          summary={value[0]}
          freeze={value[1]}
          systemRef={
            entity.kind.toLocaleLowerCase('en-US') === 'system'
              ? entityRef
              : undefined
          }
        />
      )}
    </InfoCard>
  );
};
