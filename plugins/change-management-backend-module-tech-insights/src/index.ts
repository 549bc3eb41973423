/**
 * The Tech Insights module of the change-management plugin: a fact
 * retriever of each entity's open changes, overdue retrospectives, change
 * failure rate and last production change, and example checks on them.
 *
 * @packageDocumentation
 */

export { techInsightsModuleChangeManagement as default } from './module';
export {
  CHANGE_MANAGEMENT_FACT_RETRIEVER_ID,
  createChangeManagementFactRetriever,
} from './changeManagementFactRetriever';
export { changeManagementChecks } from './checks';
export type { ChangeManagementCheck } from './checks';
