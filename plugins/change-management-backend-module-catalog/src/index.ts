/**
 * The catalog module of the change-management plugin: it reports a
 * malformed `trove.io/change-blackouts` annotation on its entity.
 *
 * @packageDocumentation
 */

export { catalogModuleChangeManagementBlackouts as default } from './module';
export { BlackoutsAnnotationProcessor } from './BlackoutsAnnotationProcessor';
