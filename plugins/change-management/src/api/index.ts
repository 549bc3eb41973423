export { changeManagementApiRef } from './ChangeManagementApi';
export type {
  AuditPeriod,
  CalendarRequest,
  ChangeListRequest,
  ChangeLogRequest,
  ChangeManagementApi,
  EntityMetricsRequest,
  ConflictsRequest,
  FreeSlotRequest,
  RiskPreviewRequest,
} from './ChangeManagementApi';
export { ChangeManagementClient } from './ChangeManagementClient';
export type { Attachment } from './attachment';
// The bodies are defined once, in common; the components and apps that
// imported these from the frontend package still find them here.
export type {
  ChangeEvent,
  EntitySummary,
  FreezeStatus,
} from '@trove/backstage-plugin-change-management-common';
