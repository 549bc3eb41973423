import { useApi } from '@backstage/core-plugin-api';
import {
  Blackout,
  ChangeView,
  describeFreezeWindow,
  nextSteps,
  ProductionClosure,
  productionClosure,
  RefusalWindow,
} from '@trove/backstage-plugin-change-management-common';
import useAsync from 'react-use/esm/useAsync';
import { changeManagementApiRef } from '../../api';
import { formatTime } from '../format';

/**
 * Why production is or was closed, for a sentence: "frozen from 2026-10-01
 * to 2026-12-31 (UTC)", or a blackout with its times in the reader's zone.
 */
export function describeClosureWindow(window?: RefusalWindow): string {
  if (!window) {
    return 'frozen';
  }
  if (window.entityRef) {
    return `blacked out for ${window.entityRef} from ${formatTime(
      window.start,
    )} to ${formatTime(window.end)}${
      window.reason ? ` (${window.reason})` : ''
    }`;
  }
  return `frozen from ${describeFreezeWindow(window, window.timeZone)}`;
}

/**
 * Whether production is closed to this change's deploy now: the freeze, or
 * a blackout of one of its entities (`GET /freeze?entityRef=`). Only asked
 * while the deploy is the change's next step; the server still decides.
 */
export function useProductionClosure(
  change: ChangeView,
): ProductionClosure | undefined {
  const api = useApi(changeManagementApiRef);
  const deployNext = nextSteps(change).includes('deploy');
  const refs = change.affectedEntityRefs;
  const { value } = useAsync(async () => {
    if (!deployNext) return undefined;
    const statuses = await Promise.all(
      refs.length
        ? refs.map(entityRef => api.getFreeze({ entityRef }))
        : [api.getFreeze()],
    );
    const frozen = statuses.find(s => s.frozen && s.window);
    const blackouts: Blackout[] = statuses.flatMap(s => s.blackouts ?? []);
    const closure = productionClosure({
      freeze: frozen?.window,
      freezeTimeZone: frozen?.timeZone ?? 'UTC',
      blackouts,
    });
    return (
      closure && {
        ...closure,
        description: describeClosureWindow(closure.window),
      }
    );
  }, [api, deployNext, refs.join(',')]);
  return value;
}
