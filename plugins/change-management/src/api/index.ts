export { changeManagementApiRef } from './ChangeManagementApi';
export type {
  ChangeListRequest,
  ChangeManagementApi,
} from './ChangeManagementApi';
export { ChangeManagementClient } from './ChangeManagementClient';
