export { changeManagementApiRef } from './ChangeManagementApi';
export type {
  ChangeEvent,
  ChangeListRequest,
  ChangeManagementApi,
  FreezeStatus,
} from './ChangeManagementApi';
export { ChangeManagementClient } from './ChangeManagementClient';
