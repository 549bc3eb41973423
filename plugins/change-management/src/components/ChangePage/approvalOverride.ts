import { useApi } from '@backstage/core-plugin-api';
import {
  ChangeAction,
  ChangeView,
  deployVerdict,
  productionClosure,
  RefusalWindow,
  transitionFor,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';

/**
 * The freeze or blackout an emergency will deploy through once approved,
 * so that the CTO approves knowing it: the judge of a deploy
 * (deployVerdict) on the change as the approval leaves it, with production
 * as the server says it is now for its entities (GET /freeze). Nothing for
 * any other action or type, and nothing while production is open.
 */
export function useApprovalOverride(
  change: ChangeView,
  action: ChangeAction,
): RefusalWindow | undefined {
  const api = useApi(changeManagementApiRef);
  const approved =
    action === 'approve' && change.type === 'emergency'
      ? transitionFor(change.type, change.state, action)?.to
      : undefined;
  const { value } = useAsync(async () => {
    if (!approved) return undefined;
    const refs: (string | undefined)[] = change.affectedEntityRefs.length
      ? change.affectedEntityRefs
      : [undefined];
    const production = await Promise.all(
      refs.map(entityRef => api.getFreeze({ entityRef })),
    );
    const closure = productionClosure({
      freeze: production[0].window,
      freezeTimeZone: production[0].timeZone,
      blackouts: production.flatMap(p => p.blackouts ?? []),
    });
    return deployVerdict({ ...change, state: approved }, 'production', closure)
      .override;
  }, [api, approved, change.id, change.version]);
  return value;
}
