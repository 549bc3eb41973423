// This module runs only when the document is generated (scripts/
// generate-openapi.js) and never in the plugin, so zod-to-openapi stays a
// devDependency.
// eslint-disable-next-line @backstage/no-undeclared-imports
import {
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  ResponseConfig,
} from '@asteasolutions/zod-to-openapi';
import {
  actionRequestSchema,
  auditCountsQuerySchema,
  auditCountsSchema,
  auditExceptionListSchema,
  auditExceptionsQuerySchema,
  auditSampleQuerySchema,
  auditSampleSchema,
  auditVerificationSchema,
  chainCheckpointListSchema,
  changeDraftSchema,
  changeEditSchema,
  changeEventListSchema,
  changeListSchema,
  changeLogExportSchema,
  changeDetailSchema,
  changeViewSchema,
  entitySummarySchema,
  errorBodySchema,
  exportQuerySchema,
  freezeQuerySchema,
  freezeStatusSchema,
  gateAnswerSchema,
  gateQuerySchema,
  healthSchema,
  listQuerySchema,
  queueCountsSchema,
  refusalBodySchemas,
  RefusalName,
  summaryQuerySchema,
} from '@trove/backstage-plugin-change-management-common';
import { z } from 'zod';
import packageJson from '../../package.json';
import { registerComponents } from './components';

const json = (schema: z.ZodTypeAny) => ({
  'application/json': { schema },
});

const answer = (description: string, schema: z.ZodTypeAny) => ({
  description,
  content: json(schema),
});

const refused = (
  description: string,
  name: RefusalName,
  ...others: RefusalName[]
) => {
  const [first, second, ...rest] = [name, ...others].map(
    n => refusalBodySchemas[n],
  );
  return answer(
    description,
    second ? z.union([first, second, ...rest]) : first,
  );
};

/** The errors a route may answer with, by status. */
const ERRORS = {
  400: refused('Invalid input: one issue per bad field.', 'InputError'),
  401: answer('No valid Backstage credentials.', errorBodySchema),
  403: refused(
    'Not a user, or refused by the permission policy or by a role or separation-of-duties rule.',
    'NotAllowedError',
  ),
  404: answer('No change with that id.', errorBodySchema),
  413: answer('The body is over the size limit.', errorBodySchema),
  415: answer('The body is not JSON.', errorBodySchema),
} satisfies Record<number, ResponseConfig>;

const errors = (...statuses: (keyof typeof ERRORS)[]) =>
  Object.fromEntries(statuses.map(status => [status, ERRORS[status]]));

const changeId = z.object({
  id: z.string().describe('The id of the change.'),
});

const body = (schema: z.ZodTypeAny) => ({
  required: true,
  content: json(schema),
});

function registerRoutes(registry: OpenAPIRegistry) {
  registry.registerPath({
    method: 'get',
    path: '/health',
    operationId: 'GetHealth',
    description: 'Liveness; needs no credentials.',
    security: [],
    responses: { 200: answer('The plugin is up.', healthSchema) },
  });
  registry.registerPath({
    method: 'get',
    path: '/ping',
    operationId: 'Ping',
    description:
      'Does nothing behind Backstage auth (users and services): the baseline of every route, measured by `yarn bench`.',
    responses: {
      200: answer('Signed in.', z.object({}).strict()),
      ...errors(401),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/changes',
    operationId: 'CreateChange',
    description: 'Creates a draft authored by the caller.',
    request: { body: body(changeDraftSchema) },
    responses: {
      201: answer('The new draft.', changeViewSchema),
      ...errors(400, 401, 403, 413, 415),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/changes',
    operationId: 'ListChanges',
    description:
      'Changes newest first, or with `order=due` emergencies first; keyset-paged.',
    request: { query: listQuerySchema },
    responses: {
      200: answer('A page of changes.', changeListSchema),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/queues',
    operationId: 'CountQueues',
    description:
      "How many changes wait on the caller, are in flight, and are overdue: the portal's tab headers in one call.",
    responses: {
      200: answer("The caller's queues, counted.", queueCountsSchema),
      ...errors(401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/changes/{id}',
    operationId: 'GetChange',
    request: { params: changeId },
    responses: {
      200: answer(
        'The change, with the actions the caller may take now and whether it may deploy to production now.',
        changeDetailSchema,
      ),
      ...errors(401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/changes/{id}',
    operationId: 'EditChange',
    description:
      "Edits a draft: the author's `edit` action, at its own address.",
    request: { params: changeId, body: body(changeEditSchema) },
    responses: {
      200: answer('The edited draft.', changeViewSchema),
      ...errors(400, 401, 403, 404, 413, 415),
      409: refused(
        'The change is no longer a draft, or the version is stale.',
        'InvalidTransitionError',
        'StaleVersionError',
      ),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/changes/{id}/actions',
    operationId: 'ActOnChange',
    description:
      'Takes a workflow action with the version the client last saw and exactly the fields that action records (docs/workflow.md).',
    request: { params: changeId, body: body(actionRequestSchema) },
    responses: {
      200: answer('The updated change.', changeViewSchema),
      ...errors(400, 401, 403, 404, 413, 415),
      409: refused(
        'The wrong action for the state, a stale version or the freeze.',
        'InvalidTransitionError',
        'FreezeError',
        'StaleVersionError',
      ),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/changes/{id}/events',
    operationId: 'ListChangeEvents',
    request: { params: changeId },
    responses: {
      200: answer("The change's events, oldest first.", changeEventListSchema),
      ...errors(401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/freeze',
    operationId: 'GetFreeze',
    request: { query: freezeQuerySchema },
    responses: {
      200: answer(
        'Whether production deploys are frozen at that time.',
        freezeStatusSchema,
      ),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/gate',
    operationId: 'CheckGate',
    description:
      'May this change be deployed to this environment now? For pipelines: callable by users and by external-access static tokens.',
    request: { query: gateQuerySchema },
    responses: {
      200: answer(
        'The decision, with reasons a developer can act on.',
        gateAnswerSchema,
      ),
      ...errors(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/summary',
    operationId: 'GetEntitySummary',
    description:
      "One entity's change debt, for its catalog card: the changes in flight, the overdue retrospectives and the last production change. A System includes its parts; only changes the caller may read count.",
    request: { query: summaryQuerySchema },
    responses: {
      200: answer("The entity's change debt.", entitySummarySchema),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/export',
    operationId: 'ExportChangeLog',
    description: 'The SOP change log of the changes raised in [from, to).',
    request: { query: exportQuerySchema },
    responses: {
      200: {
        description: 'One row per change, with the SOP columns.',
        content: {
          'text/csv': { schema: z.string() },
          ...json(changeLogExportSchema),
        },
      },
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/audit/sample',
    operationId: 'SampleAuditEvidence',
    description:
      'A reproducible random sample of the changes deployed to production in [from, to), optionally of one entity (a System with its parts), each with its evidence. Needs `change-management.audit.read`.',
    request: { query: auditSampleQuerySchema },
    responses: {
      200: {
        description:
          'The sample: as JSON, or as a zip with one folder per change (change.json, events.csv, evidence.html).',
        content: {
          ...json(auditSampleSchema),
          'application/zip': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/audit/exceptions',
    operationId: 'ListAuditExceptions',
    description:
      'What went outside the normal workflow in [from, to), optionally of one entity (a System with its parts). Needs `change-management.audit.read`.',
    request: { query: auditExceptionsQuerySchema },
    responses: {
      200: answer('The exceptions, oldest first.', auditExceptionListSchema),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/audit/counts',
    operationId: 'CountAudit',
    description:
      'A period at a glance: the changes raised in [from, to) by type, the changes deployed to production in it and its exceptions by kind, optionally of one entity (a System with its parts). Needs `change-management.audit.read`.',
    request: { query: auditCountsQuerySchema },
    responses: {
      200: answer('The counts of the period.', auditCountsSchema),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/audit/verify',
    operationId: 'VerifyAuditTrail',
    description:
      'Re-computes the hash chain in seq order, compares it with every checkpoint, and checks that each change row is what its events replay to.',
    responses: {
      200: answer(
        'The result of re-computing the hash chain.',
        auditVerificationSchema,
      ),
      ...errors(401, 403),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/audit/checkpoints',
    operationId: 'ListChainCheckpoints',
    description:
      'The chain heads recorded by the nightly verification, newest first. Copy them elsewhere: a later verification proves that history before each was not rewritten.',
    responses: {
      200: answer('The checkpoints, newest first.', chainCheckpointListSchema),
      ...errors(401, 403),
    },
  });
}

/**
 * The OpenAPI document of the plugin, generated from the zod schemas of
 * change-management-common.
 */
export function createOpenApiDocument(): ReturnType<
  OpenApiGeneratorV31['generateDocument']
> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'JWT', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  registerComponents(registry);
  registerRoutes(registry);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'change-management',
      version: '1',
      description:
        'Changes under the Change Management SOP: standard, infrastructure and emergency changes, their workflow actions and the audit trail. Every workflow rule is enforced by this API. Refusals carry `error.name` and fields that programs read (see the *ErrorResponse schemas).',
      license: { name: packageJson.license },
    },
    servers: [{ url: '/' }],
    security: [{ JWT: [] }],
  });
}
