import { useApiHolder } from '@backstage/core-plugin-api';
import {
  defaultEntityPresentation,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Names for refs inside sentences ("relying on the CTO approval of Carol
 * Chen"), as `EntityRefLink` shows them: by the app's entity presentation
 * (the catalog's names once it has answered), or by the ref's own name
 * where the app has none.
 */
export function useNames(refs: string[]): (ref: string) => string {
  const api = useApiHolder().get(entityPresentationApiRef);
  const unique = [...new Set(refs)];
  const { value } = useAsync(
    async () =>
      new Map(
        await Promise.all(
          unique.map(
            async ref =>
              [ref, (await api?.forEntity(ref).promise)?.primaryTitle] as const,
          ),
        ),
      ),
    [api, unique.join(' ')],
  );
  return ref =>
    value?.get(ref) ??
    (api
      ? api.forEntity(ref).snapshot.primaryTitle
      : defaultEntityPresentation(ref).primaryTitle);
}
