/**
 * The scaffolder module of the change-management plugin: the
 * `change-management:raise` action, with which a template raises a change
 * as the user who runs it.
 *
 * @packageDocumentation
 */

export { scaffolderModuleChangeManagement as default } from './module';
export { createRaiseChangeAction } from './actions/raise';
export { ChangeManagementRequests } from './ChangeManagementRequests';
