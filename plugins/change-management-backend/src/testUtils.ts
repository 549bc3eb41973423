/**
 * Test and load utilities of the change-management backend, imported as
 * `@trove/backstage-plugin-change-management-backend/testUtils`. The main
 * entry holds no test code.
 *
 * - {@link BulkHistoryWriter} loads changes and their events into a
 *   migrated PostgreSQL database with the store's own rows and hash chain,
 *   so `GET /audit/verify` checks the loaded trail like any other; it is
 *   what the bench seeds with. {@link writeHistory} writes a few changes
 *   through the store's own inserts on any supported database.
 * - `listPageQuery`, `changeByIdQuery` and `encodeCursor` are the store's
 *   SQL for a page of a list and for one change, and its page cursors, for
 *   measuring the queries the routes run (`applyListQuery`, the list's
 *   filters and order alone, for the SQLite plans too); `rowToEvent` and
 *   `hashEvent` read and hash a stored event as verification does.
 * - `metricsQuery`, `calendarQuery` and `calendarDaysQuery` are the store's SQL behind
 *   `GET /metrics` and `GET /calendar`, for the bench's query plans.
 * - `drafts` and `actionFields` are valid requests for every change type
 *   and action.
 * - `seedChange` takes one change along a path of the workflow, every step
 *   judged by `applyAction`, as the bench seeds its changes;
 *   `seedSampleHistory` writes the sample app's 18 months of history into
 *   an empty change database (`changeManagement.sampleHistory.enabled`).
 *
 * @packageDocumentation
 */

export {
  BulkHistoryWriter,
  HISTORY_TABLES,
  writeHistory,
} from './database/bulkHistory';
export type { HistoryEntry, SqlClient } from './database/bulkHistory';
export type {
  AffectedEntity,
  ChangeListQuery,
  NewChangeEvent,
  StoredChange,
} from './database/ChangeStore';
export { applyListQuery, listPageQuery } from './database/listQuery';
export { changeByIdQuery } from './database/entitiesColumn';
export { metricsQuery } from './database/metricsQuery';
export { metricsRollupQuery } from './database/metricsRollupQuery';
export { refreshMetricRollups } from './database/metricRollups';
export { calendarQuery } from './database/calendarQuery';
export { calendarDaysQuery } from './database/calendarDaysQuery';
export { encodeCursor } from './database/listOrder';
export { hashEvent } from './database/eventChain';
export { rowToEvent } from './database/rows';
export {
  AWAITING_APPROVAL,
  CTO,
  ENGINEERS,
  SCRIPTS,
  seedChange,
} from './sample/lifecycle';
export type {
  Party,
  Script,
  SeededChange,
  Step,
  StepOptions,
} from './sample/lifecycle';
export { SAMPLE_HISTORY_DAYS, sampleHistory } from './sample/sampleHistory';
export { seedSampleHistory } from './sample/seedSampleHistory';
// These test utilities are the one published door to the request fixtures.
// eslint-disable-next-line no-restricted-imports
export { actionFields, drafts } from './__testUtils__/changes';
