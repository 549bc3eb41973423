import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { ConflictsRequest, changeManagementApiRef } from '../../api';

/** How long the form waits after the last pick before it asks. */
export const CONFLICTS_DEBOUNCE_MS = 400;

/**
 * What the server says of a planned window as it is picked: its conflicts
 * and warnings (GET /conflicts), asked once the picks have rested for
 * CONFLICTS_DEBOUNCE_MS. Without a request (no full window yet) there is
 * nothing, at once.
 */
export function useConflicts(request?: ConflictsRequest) {
  const api = useApi(changeManagementApiRef);
  const key = request ? JSON.stringify(request) : '';
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setAsked(key), CONFLICTS_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const answer = useAsync(
    async () =>
      asked
        ? api.listConflicts(JSON.parse(asked) as ConflictsRequest)
        : undefined,
    [api, asked],
  );
  // The last answer stays while the next is awaited, unless the window is gone.
  return key ? answer : { loading: false, value: undefined, error: undefined };
}
