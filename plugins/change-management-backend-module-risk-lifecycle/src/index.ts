/**
 * A change-management backend module: the risk of a change that touches an
 * entity in an experimental or deprecated lifecycle.
 *
 * @packageDocumentation
 */

export { changeManagementModuleRiskLifecycle as default } from './module';
export { lifecycleRiskFactor } from './lifecycleRiskFactor';
