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
  ApiOperation,
  ApiRoute,
  apiRoutes,
  errorBodySchema,
  refusalBodySchemas,
  RefusalName,
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

const lockdownId = z.object({
  id: z.string().describe('The id of the lockdown.'),
});

const body = (schema: z.ZodTypeAny) => ({
  required: true,
  content: json(schema),
});

/**
 * An operation's address and request, from the shared route table that the
 * frontend's client reads too.
 */
const route = (operationId: ApiOperation) => {
  const spec: ApiRoute = apiRoutes[operationId];
  const idParam = operationId === 'LiftLockdown' ? lockdownId : changeId;
  const params = spec.path.includes('{id}') ? idParam : undefined;
  const request = {
    ...(params && { params }),
    ...(spec.query && { query: spec.query }),
    ...(spec.body && { body: body(spec.body) }),
  };
  return {
    method: spec.method,
    path: spec.path,
    operationId,
    ...(Object.keys(request).length > 0 && { request }),
  };
};

/** An operation's answer of success, by the route table's schema. */
const ok = (operationId: ApiOperation, description: string) =>
  answer(description, apiRoutes[operationId].response);

function registerRoutes(registry: OpenAPIRegistry) {
  registry.registerPath({
    ...route('GetHealth'),
    description: 'Liveness; needs no credentials.',
    security: [],
    responses: { 200: ok('GetHealth', 'The plugin is up.') },
  });
  registry.registerPath({
    ...route('Ping'),
    description:
      'Does nothing behind Backstage auth (users and services): the baseline of every route, measured by `yarn bench`.',
    responses: {
      200: ok('Ping', 'Signed in.'),
      ...errors(401),
    },
  });
  registry.registerPath({
    ...route('CreateChange'),
    description: 'Creates a draft authored by the caller.',
    responses: {
      201: ok('CreateChange', 'The new draft.'),
      ...errors(400, 401, 403, 413, 415),
    },
  });
  registry.registerPath({
    ...route('ListChanges'),
    description:
      'Changes newest first, or with `order=due` emergencies first; keyset-paged. Callable by users and by other plugins (the search module indexes every change with its own token); an external-access token (a pipeline) gets 403.',
    responses: {
      200: ok('ListChanges', 'A page of changes.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('CountQueues'),
    description:
      "How many changes wait on the caller, are in flight, and are overdue: the portal's tab headers in one call.",
    responses: {
      200: ok('CountQueues', "The caller's queues, counted."),
      ...errors(401, 403),
    },
  });
  registry.registerPath({
    ...route('GetChange'),
    responses: {
      200: ok(
        'GetChange',
        'The change, with the actions the caller may take now and whether it may deploy to production now.',
      ),
      ...errors(401, 403, 404),
    },
  });
  registry.registerPath({
    ...route('EditChange'),
    description:
      "Edits a draft: the author's `edit` action, at its own address.",
    responses: {
      200: ok('EditChange', 'The edited draft.'),
      ...errors(400, 401, 403, 404, 413, 415),
      409: refused(
        'The change is no longer a draft, or the version is stale.',
        'InvalidTransitionError',
        'StaleVersionError',
      ),
    },
  });
  registry.registerPath({
    ...route('ActOnChange'),
    description:
      'Takes a workflow action with the version the client last saw and exactly the fields that action records (docs/workflow.md).',
    responses: {
      200: ok('ActOnChange', 'The updated change.'),
      ...errors(400, 401, 404, 413, 415),
      403: refused(
        'Refused by the permission policy or by a role or separation-of-duties rule; `SoleApproverError` when a CTO-role holder would leave nobody to approve the change they review.',
        'NotAllowedError',
        'SoleApproverError',
      ),
      409: refused(
        'The wrong action for the state, a stale version, the freeze, or a risk-based policy (`RiskPolicyError`, naming it).',
        'InvalidTransitionError',
        'FreezeError',
        'StaleVersionError',
        'RiskPolicyError',
      ),
    },
  });
  registry.registerPath({
    ...route('ListChangeEvents'),
    responses: {
      200: ok('ListChangeEvents', "The change's events, oldest first."),
      ...errors(401, 403, 404),
    },
  });
  registry.registerPath({
    ...route('GetChangePullRequest'),
    description:
      'The linked pull request as last read (issue 20), with what the CTO should know of it; asks nothing of GitHub.',
    responses: {
      200: ok('GetChangePullRequest', 'The last snapshot, or null.'),
      ...errors(401, 403, 404),
    },
  });
  registry.registerPath({
    ...route('RefreshChangePullRequest'),
    description:
      'Reads the linked pull request again and keeps the snapshot; `problem` says why it could not be read.',
    responses: {
      200: ok('RefreshChangePullRequest', 'The snapshot just read.'),
      ...errors(401, 403, 404),
    },
  });
  registry.registerPath({
    ...route('GetFreeze'),
    responses: {
      200: ok(
        'GetFreeze',
        'Whether production deploys are frozen at that time.',
      ),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('CheckGate'),
    description:
      'May this change be deployed to this environment now? For pipelines: callable by users and by external-access static tokens.',
    responses: {
      200: ok(
        'CheckGate',
        'The decision, with reasons a developer can act on.',
      ),
      ...errors(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    ...route('GetEntitySummary'),
    description:
      "One entity's change debt, for its catalog card: the changes in flight, the overdue retrospectives and the last production change. A System includes its parts; only changes the caller may read count.",
    responses: {
      200: ok('GetEntitySummary', "The entity's change debt."),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('GetEntityFacts'),
    description:
      'The delivery figures of up to 100 entities, for Tech Insights scorecards: open changes, overdue retrospectives, the change failure rate of the last 90 days and the last production change. A System includes its parts; only changes the caller may read count. Users and services may call it.',
    responses: {
      200: ok('GetEntityFacts', "Each entity's figures, in the order asked."),
      ...errors(400, 401, 403),
    },
  });
  // Issue 21, metrics.
  registry.registerPath({
    ...route('GetEntityMetrics'),
    description:
      "One entity's delivery figures over [from, to), at most 400 days: deployments by type and week, lead time, change failure rate, recovery time, emergencies and the change success score, each computed in the database. A System includes its parts; only changes the caller may read count. Users and services may call it.",
    responses: {
      200: ok('GetEntityMetrics', "The entity's figures over the period."),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('GetMetricsOverview'),
    description:
      "The CTO's overview over [from, to), at most 400 days: for every System with a change the caller may read, the figures of GET /metrics (deployments and their frequency, lead time, change failure rate, recovery time, change success score), the audit exceptions of the period (null unless the caller may read the audit) and the overdue retrospectives; and the change success score of every owning group. Users and services may call it.",
    responses: {
      200: ok('GetMetricsOverview', 'Every System and owning group, by ref.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('ExportChangeLog'),
    description: 'The SOP change log of the changes raised in [from, to).',
    responses: {
      200: {
        description: 'One row per change, with the SOP columns.',
        content: {
          'text/csv': { schema: z.string() },
          ...json(apiRoutes.ExportChangeLog.response),
        },
      },
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('SampleAuditEvidence'),
    description:
      'A reproducible random sample of the changes deployed to production in [from, to), optionally of one entity (a System with its parts), each with its evidence. Needs `change-management.audit.read`.',
    responses: {
      200: {
        description:
          'The sample: as JSON, or as a zip with one folder per change (change.json, events.csv, evidence.html).',
        content: {
          ...json(apiRoutes.SampleAuditEvidence.response),
          'application/zip': {
            schema: z.string().openapi({ format: 'binary' }),
          },
        },
      },
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('GetAuditEvidence'),
    description:
      "One change's evidence packet: the page of the sample's zip (evidence.html), with names and times for people, or the evidence as JSON. Needs `change-management.audit.read` and the change's read permission.",
    responses: {
      200: {
        description:
          'The printable page, self-contained and without script; or the evidence as JSON.',
        content: {
          'text/html': { schema: z.string() },
          ...json(apiRoutes.GetAuditEvidence.response),
        },
      },
      ...errors(400, 401, 403, 404),
    },
  });
  registry.registerPath({
    ...route('ListAuditExceptions'),
    description:
      'What went outside the normal workflow in [from, to), optionally of one entity (a System with its parts). Needs `change-management.audit.read`.',
    responses: {
      200: ok('ListAuditExceptions', 'The exceptions, oldest first.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('CountAudit'),
    description:
      'A period at a glance: the changes raised in [from, to) by type, the changes deployed to production in it and its exceptions by kind, optionally of one entity (a System with its parts). Needs `change-management.audit.read`.',
    responses: {
      200: ok('CountAudit', 'The counts of the period.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('VerifyAuditTrail'),
    description:
      'Re-computes the hash chain in seq order, compares it with every checkpoint, and checks that each change row is what its events replay to.',
    responses: {
      200: ok('VerifyAuditTrail', 'The result of re-computing the hash chain.'),
      ...errors(401, 403),
    },
  });
  registry.registerPath({
    ...route('ListChainCheckpoints'),
    description:
      'The chain heads recorded by the nightly verification, newest first. Copy them elsewhere: a later verification proves that history before each was not rewritten.',
    responses: {
      200: ok('ListChainCheckpoints', 'The checkpoints, newest first.'),
      ...errors(401, 403),
    },
  });
}

/** The change landscape (issue 21): conflicts, the calendar, the free slot. */
function registerLandscapeRoutes(registry: OpenAPIRegistry) {
  registry.registerPath({
    ...route('ListConflicts'),
    description:
      'What collides with a planned window before the change exists (the raise form): open changes the caller may read whose planned window overlaps (half-open), on the same entity, the same System or one dependsOn/dependencyOf hop away, and for a standard or infrastructure change the freeze and blackouts; with the window warnings.',
    responses: {
      200: ok('ListConflicts', 'The conflicts and the window warnings.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('PreviewRisk'),
    description:
      'The risk of a draft before it is saved (the raise form, issue 24): assessed exactly as a save of those entities, type, window and pull request would assess it, and written nowhere. No `risk` when the risk is off in config.',
    responses: {
      200: ok('PreviewRisk', 'The assessment a save would store.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('GetCalendar'),
    description:
      'The freeze and blackout windows of a period and the changes the caller may read planned in it or deployed to production in it. A period over 400 days is cut to 400.',
    responses: {
      200: ok('GetCalendar', 'The windows and the changes of the period.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('FindFreeSlot'),
    description:
      'The earliest window of the duration, starting within 90 days of earliestStart, with no conflict (and for a standard or infrastructure change no freeze or blackout); start and end null, with a reason, when there is none.',
    responses: {
      200: ok('FindFreeSlot', 'The slot, or why there is none.'),
      ...errors(400, 401, 403),
    },
  });
}

/** The lockdowns the CTO declares and lifts (issue 24 item 4). */
function registerLockdownRoutes(registry: OpenAPIRegistry) {
  registry.registerPath({
    ...route('DeclareLockdown'),
    description:
      'Declares a lockdown: production closed to standard and infrastructure deploys of everything, a System or a Domain (with their parts) from start until end or until lifted; an emergency deploys through it with a recorded override. Only a holder of the CTO role may.',
    responses: {
      201: ok('DeclareLockdown', 'The lockdown.'),
      ...errors(400, 401, 413, 415),
      403: refused('The caller does not hold the CTO role.', 'NotAllowedError'),
    },
  });
  registry.registerPath({
    ...route('ListLockdowns'),
    description:
      'The lockdowns, newest start first; `active=true` keeps those in force now, `entityRef` those covering that entity (everything, its System or its Domain).',
    responses: {
      200: ok('ListLockdowns', 'The lockdowns.'),
      ...errors(400, 401, 403),
    },
  });
  registry.registerPath({
    ...route('LiftLockdown'),
    description: 'Lifts a lockdown now. Only a holder of the CTO role may.',
    responses: {
      200: ok('LiftLockdown', 'The lifted lockdown.'),
      ...errors(400, 401),
      403: refused('The caller does not hold the CTO role.', 'NotAllowedError'),
      404: answer('No lockdown with that id.', errorBodySchema),
      409: answer('It was lifted already.', errorBodySchema),
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
  registerLandscapeRoutes(registry);
  registerLockdownRoutes(registry);
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
