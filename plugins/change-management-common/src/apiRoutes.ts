import { z } from 'zod';
import { actionRequestSchema } from './actionSchemas';
import {
  auditCountsSchema,
  auditExceptionListSchema,
  auditSampleSchema,
  changeEvidenceSchema,
} from './audit';
import {
  auditVerificationSchema,
  chainCheckpointListSchema,
  changeEventListSchema,
} from './events';
import {
  auditCountsQuerySchema,
  auditEvidenceQuerySchema,
  auditExceptionsQuerySchema,
  auditSampleQuerySchema,
  exportQuerySchema,
  freezeQuerySchema,
  gateQuerySchema,
  listQuerySchema,
  entityFactsQuerySchema,
  metricsOverviewQuerySchema,
  metricsQuerySchema,
  summaryQuerySchema,
} from './queries';
import {
  changeDetailSchema,
  changeLogExportSchema,
  entityFactsListSchema,
  entityMetricsSchema,
  entitySummarySchema,
  freezeStatusSchema,
  gateAnswerSchema,
  healthSchema,
  queueCountsSchema,
} from './responses';
import { changeDraftSchema, changeEditSchema } from './schemas';
import {
  calendarQuerySchema,
  calendarSchema,
  conflictListSchema,
  conflictsQuerySchema,
  freeSlotQuerySchema,
  freeSlotSchema,
  riskPreviewQuerySchema,
  riskPreviewSchema,
} from './landscape';
import { metricsOverviewSchema } from './metricsOverview';
import {
  lockdownDeclarationSchema,
  lockdownListSchema,
  lockdownSchema,
  lockdownsQuerySchema,
} from './lockdowns';
import { changeListSchema, changeViewSchema } from './types';
import { changePullRequestSchema } from './pullRequests';

/**
 * A route of the HTTP API: where it is, and the schemas of what it reads
 * and answers. A `{name}` in the path is a path parameter.
 *
 * @public
 */
export interface ApiRoute {
  method: 'get' | 'post' | 'patch';
  path: string;
  /** A query string is an object of named parameters. */
  query?: z.AnyZodObject | z.ZodEffects<z.AnyZodObject>;
  body?: z.ZodTypeAny;
  /** The JSON answer of a success. */
  response: z.ZodTypeAny;
}

/**
 * The routes of the change-management API, by operation id. The backend's
 * OpenAPI document takes each route's address and schemas from here, and
 * the frontend's client its requests and answers, so neither writes them
 * again.
 *
 * @public
 */
export const apiRoutes = {
  GetHealth: { method: 'get', path: '/health', response: healthSchema },
  Ping: { method: 'get', path: '/ping', response: z.object({}).strict() },
  CreateChange: {
    method: 'post',
    path: '/changes',
    body: changeDraftSchema,
    response: changeViewSchema,
  },
  ListChanges: {
    method: 'get',
    path: '/changes',
    query: listQuerySchema,
    response: changeListSchema,
  },
  CountQueues: { method: 'get', path: '/queues', response: queueCountsSchema },
  GetChange: {
    method: 'get',
    path: '/changes/{id}',
    response: changeDetailSchema,
  },
  EditChange: {
    method: 'patch',
    path: '/changes/{id}',
    body: changeEditSchema,
    response: changeViewSchema,
  },
  ActOnChange: {
    method: 'post',
    path: '/changes/{id}/actions',
    body: actionRequestSchema,
    response: changeViewSchema,
  },
  ListChangeEvents: {
    method: 'get',
    path: '/changes/{id}/events',
    response: changeEventListSchema,
  },
  // Issue 20: the linked pull request, as last read, and read again.
  GetChangePullRequest: {
    method: 'get',
    path: '/changes/{id}/pull-request',
    response: changePullRequestSchema,
  },
  RefreshChangePullRequest: {
    method: 'post',
    path: '/changes/{id}/pull-request/refresh',
    response: changePullRequestSchema,
  },
  GetFreeze: {
    method: 'get',
    path: '/freeze',
    query: freezeQuerySchema,
    response: freezeStatusSchema,
  },
  CheckGate: {
    method: 'get',
    path: '/gate',
    query: gateQuerySchema,
    response: gateAnswerSchema,
  },
  GetEntitySummary: {
    method: 'get',
    path: '/summary',
    query: summaryQuerySchema,
    response: entitySummarySchema,
  },
  GetEntityFacts: {
    method: 'get',
    path: '/entities/facts',
    query: entityFactsQuerySchema,
    response: entityFactsListSchema,
  },
  // Issue 21: an entity's delivery figures over a period.
  GetEntityMetrics: {
    method: 'get',
    path: '/metrics',
    query: metricsQuerySchema,
    response: entityMetricsSchema,
  },
  // Issue 21: every System's figures, for the CTO's overview.
  GetMetricsOverview: {
    method: 'get',
    path: '/metrics/overview',
    query: metricsOverviewQuerySchema,
    response: metricsOverviewSchema,
  },
  // `format=csv` (the default) answers CSV text, `format=json` this.
  ExportChangeLog: {
    method: 'get',
    path: '/export',
    query: exportQuerySchema,
    response: changeLogExportSchema,
  },
  // `format=zip` answers a zip, `format=json` (the default) this.
  SampleAuditEvidence: {
    method: 'get',
    path: '/audit/sample',
    query: auditSampleQuerySchema,
    response: auditSampleSchema,
  },
  // `format=html` (the default) answers the printable page, `format=json` this.
  GetAuditEvidence: {
    method: 'get',
    path: '/audit/evidence/{id}',
    query: auditEvidenceQuerySchema,
    response: changeEvidenceSchema,
  },
  ListAuditExceptions: {
    method: 'get',
    path: '/audit/exceptions',
    query: auditExceptionsQuerySchema,
    response: auditExceptionListSchema,
  },
  CountAudit: {
    method: 'get',
    path: '/audit/counts',
    query: auditCountsQuerySchema,
    response: auditCountsSchema,
  },
  VerifyAuditTrail: {
    method: 'get',
    path: '/audit/verify',
    response: auditVerificationSchema,
  },
  ListChainCheckpoints: {
    method: 'get',
    path: '/audit/checkpoints',
    response: chainCheckpointListSchema,
  },
  // The change landscape (issue 21).
  ListConflicts: {
    method: 'get',
    path: '/conflicts',
    query: conflictsQuerySchema,
    response: conflictListSchema,
  },
  GetCalendar: {
    method: 'get',
    path: '/calendar',
    query: calendarQuerySchema,
    response: calendarSchema,
  },
  FindFreeSlot: {
    method: 'get',
    path: '/free-slot',
    query: freeSlotQuerySchema,
    response: freeSlotSchema,
  },
  // Issue 24 item 2: the raise form's risk, before the change exists.
  PreviewRisk: {
    method: 'get',
    path: '/risk',
    query: riskPreviewQuerySchema,
    response: riskPreviewSchema,
  },
  // Issue 24 item 4: the lockdowns the CTO declares and lifts.
  DeclareLockdown: {
    method: 'post',
    path: '/lockdowns',
    body: lockdownDeclarationSchema,
    response: lockdownSchema,
  },
  ListLockdowns: {
    method: 'get',
    path: '/lockdowns',
    query: lockdownsQuerySchema,
    response: lockdownListSchema,
  },
  LiftLockdown: {
    method: 'post',
    path: '/lockdowns/{id}/lift',
    response: lockdownSchema,
  },
} as const satisfies Record<string, ApiRoute>;

/** @public */
export type ApiOperation = keyof typeof apiRoutes;

type RouteOf<Op extends ApiOperation> = (typeof apiRoutes)[Op];

/** The parameters a path template names: `{ id: string }` for `{id}`. */
type PathParams<Path extends string> =
  Path extends `${string}{${infer Name}}${infer Rest}`
    ? { [K in Name]: string } & PathParams<Rest>
    : {};

/** `{ params: … }`, if the path names any. */
type Params<Path extends string> = keyof PathParams<Path> extends never
  ? {}
  : { params: PathParams<Path> };

/** `{ query: … }` or `{ body: … }` as a client writes it, if the route reads one. */
type Part<Route, Key extends 'query' | 'body'> = Route extends Record<
  Key,
  z.ZodTypeAny
>
  ? { [K in Key]: z.input<Route[Key]> }
  : {};

/**
 * What a client sends to an operation: its path parameters, and its query
 * and body as their schemas read them.
 *
 * @public
 */
export type ApiRequest<Op extends ApiOperation> = Params<RouteOf<Op>['path']> &
  Part<RouteOf<Op>, 'query'> &
  Part<RouteOf<Op>, 'body'>;

/**
 * The JSON answer of an operation's success.
 *
 * @public
 */
export type ApiResponse<Op extends ApiOperation> = z.output<
  RouteOf<Op>['response']
>;
