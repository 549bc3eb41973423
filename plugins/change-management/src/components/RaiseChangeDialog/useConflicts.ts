import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import {
  ConflictsRequest,
  RiskPreviewRequest,
  changeManagementApiRef,
} from '../../api';

/** How long the form waits after the last pick before it asks. */
export const CONFLICTS_DEBOUNCE_MS = 400;

/**
 * The server's answer to a request of the form, asked once the picks have
 * rested for CONFLICTS_DEBOUNCE_MS. Without a request there is nothing, at
 * once; otherwise the last answer stays while the next is awaited.
 */
function useAskedAtRest<Request, Answer>(
  request: Request | undefined,
  ask: (request: Request) => Promise<Answer>,
) {
  const key = request ? JSON.stringify(request) : '';
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAsked(key), CONFLICTS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const answer = useAsync(
    async () => (asked ? ask(JSON.parse(asked) as Request) : undefined),
    // `ask` is the API's method: the same as long as the API is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [asked],
  );
  return key ? answer : { loading: false, value: undefined, error: undefined };
}

/**
 * What the server says of a planned window as it is picked: its conflicts
 * and warnings (GET /conflicts). Without a full window, nothing.
 */
export function useConflicts(request?: ConflictsRequest) {
  const api = useApi(changeManagementApiRef);
  return useAskedAtRest(request, r => api.listConflicts(r));
}

/**
 * The draft's risk as the server would store it on a save (GET /risk),
 * asked as entities, type and window are picked. Without entities, nothing.
 */
export function useRiskPreview(request?: RiskPreviewRequest) {
  const api = useApi(changeManagementApiRef);
  return useAskedAtRest(request, r => api.previewRisk(r));
}
