export { ChangeManagementPage } from './ChangeManagementPage';
