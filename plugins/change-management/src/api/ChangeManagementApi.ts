import { createApiRef } from '@backstage/core-plugin-api';
import {
  ChangeDraftInput,
  ChangeList,
  ChangeState,
  ChangeType,
  ChangeView,
} from '@internal/backstage-plugin-change-management-common';

/** @public */
export interface ChangeListRequest {
  /** The entity, or for a System everything that is part of it. */
  entityRef?: string;
  states?: ChangeState[];
  type?: ChangeType;
  limit?: number;
  cursor?: string;
}

/**
 * The change-management backend, as the frontend sees it.
 *
 * @public
 */
export interface ChangeManagementApi {
  listChanges(request: ChangeListRequest): Promise<ChangeList>;
  getChange(id: string): Promise<ChangeView>;
  createChange(input: ChangeDraftInput): Promise<ChangeView>;
}

/** @public */
export const changeManagementApiRef = createApiRef<ChangeManagementApi>({
  id: 'plugin.change-management.api',
});
