import {
  CHANGE_STATES,
  CHANGE_TYPES,
  ChangeState,
  ChangeType,
} from '@trove/backstage-plugin-change-management-common';
import { useSearchParams } from 'react-router-dom';

const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.find(v => v === value);

/**
 * A list's filters, search and page, kept in the URL (`state`, `type`, `q`,
 * and one `cursor` per page after the first), so that a reload keeps them
 * and a link shares the view. Changing a filter starts again at page one.
 */
export function useListParams() {
  const [params, setParams] = useSearchParams();

  const update = (edit: (next: URLSearchParams) => void) =>
    setParams(
      current => {
        const next = new URLSearchParams(current);
        edit(next);
        return next;
      },
      { replace: true },
    );

  const setFilter = (name: 'state' | 'type' | 'q', value: string) =>
    update(next => {
      if (value) next.set(name, value);
      else next.delete(name);
      next.delete('cursor');
    });

  return {
    state: oneOf<ChangeState>(CHANGE_STATES, params.get('state')),
    type: oneOf<ChangeType>(CHANGE_TYPES, params.get('type')),
    search: params.get('q') ?? '',
    /** The cursor of each page after the first, in order. */
    cursors: params.getAll('cursor'),
    setFilter,
    nextPage: (cursor: string) => update(next => next.append('cursor', cursor)),
    previousPage: () =>
      update(next => {
        const cursors = next.getAll('cursor').slice(0, -1);
        next.delete('cursor');
        cursors.forEach(c => next.append('cursor', c));
      }),
  };
}
