/**
 * Types, workflow rules and schemas shared by the change-management plugins.
 *
 * The zod schemas here are the one source of the HTTP contract: the types
 * are inferred from them, the server validates with them and the backend's
 * OpenAPI document is generated from them.
 *
 * @packageDocumentation
 */

export * from './types';
export * from './schemas';
export * from './actionSchemas';
export type { ActionField, ActionFieldForm } from './actionFields';
export * from './events';
export * from './responses';
export * from './metricsOverview';
export * from './queries';
export * from './apiRoutes';
export * from './freeze';
export * from './blackouts';
export * from './blackoutsAnnotation';
export * from './lockdowns';
export * from './permissions';
export * from './errors';
export * from './inputIssues';
export * from './workflow';
export * from './labels';
export * from './audit';
export * from './portalPaths';
export * from './period';
export * from './fileNames';
export * from './noticeText';
export * from './publications';
export * from './exceptionText';
export * from './search';
export * from './landscape';
export * from './pullRequests';
