/**
 * The search module of the change-management plugin: it indexes changes for
 * Backstage search, each shown only to whoever may read it.
 *
 * @packageDocumentation
 */

export { searchModuleChangeManagementCollator as default } from './module';
export { ChangeCollatorFactory } from './ChangeCollatorFactory';
export type { ChangeCollatorFactoryOptions } from './ChangeCollatorFactory';
