import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import {
  ActionRequest,
  ActionRequestInput,
  auditCountsQuerySchema,
  auditEvidenceQuerySchema,
  auditExceptionsQuerySchema,
  auditSampleFileName,
  auditSampleQuerySchema,
  calendarQuerySchema,
  changeIdSchema,
  changeLogFileName,
  conflictsQuerySchema,
  entityFactsQuerySchema,
  exportQuerySchema,
  freeSlotQuerySchema,
  freezeQuerySchema,
  gateQuerySchema,
  listQuerySchema,
  Lockdown,
  metricsOverviewQuerySchema,
  metricsQuerySchema,
  parseActionRequest,
  summaryQuerySchema,
} from '@trove/backstage-plugin-change-management-common';
import compression from 'compression';
import { pipeline } from 'node:stream/promises';
import { constants as zlib } from 'node:zlib';
import express from 'express';
import { z } from 'zod';
import { parseInput } from '../errors';
import { Actors } from './Actors';
import { AuditTrailService } from './AuditTrailService';
import { AuditEvidenceService } from './AuditEvidenceService';
import { AuditExceptionsService } from './AuditExceptionsService';
import { Caller } from './ChangeAccessService';
import { toCsvStream, toJsonStream } from './changeLogFormat';
import { ChangeLogService } from './ChangeLogService';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';
import { ChangeService } from './ChangeService';
import { evidenceHtml } from './evidenceHtml';
import { evidenceZip } from './evidenceZip';
import { FreezeService } from './FreezeService';
import { GateService } from './GateService';
import { jsonBodies } from './jsonBodies';
import { LandscapeService } from './LandscapeService';
import { RiskService } from './RiskService';
import { LockdownService } from './LockdownService';
import { PullRequestService } from './PullRequestService';
import { MetricsService } from './MetricsService';
import { createSpecRouter } from './openApiRouter';
import { SummaryService } from './SummaryService';

/**
 * A request as httpAuth and the auditor take it: they read its token and
 * address, never its input. The handlers read `params`, `query` and `body`
 * as the spec types them.
 */
type HttpRequest = Parameters<HttpAuthService['credentials']>[0];

const pathSchema = z.object({ id: changeIdSchema });

/** An evidence page runs nothing and loads nothing but its own style. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

/** The change id in the path, refused with 400 naming `id` if malformed. */
const idOf = (params: { id: string }): string =>
  parseInput(() => pathSchema.parse(params)).id;

/**
 * The export's compression: the fastest levels. The backend compresses
 * every response at gzip's default level (and Brotli's 4), which for a
 * year's change log costs several times the CPU of writing the CSV, for a
 * file a quarter smaller than these levels give (nginx's default is gzip's
 * level 1 for the same reason). Set here, the backend's own compression
 * sees the response already encoded and leaves it.
 */
const exportCompression = compression({
  level: zlib.Z_BEST_SPEED,
  brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
});

/**
 * A query string, read once by its shared schema. The spec types the query
 * as the schema's input (so a route and its schema cannot part), but
 * nothing has checked it yet: every value is still text.
 */
const queryOf = <S extends z.ZodTypeAny>(
  schema: S,
  query: z.input<S>,
): z.output<S> => parseInput(() => schema.parse(query));

/**
 * The body of an action, read once by the shared schema. The spec types the
 * body as the schema's input, but nothing has checked it yet (the spec's
 * validator is off, see below): a field may hold any JSON.
 */
const actionOf = (body: ActionRequestInput): ActionRequest =>
  parseInput(() => parseActionRequest(body));

/**
 * The action a body names, for the auditor, before the body is read: only
 * a string is named, as an object's `toString` may be anything.
 */
const namedAction = (body: { action?: unknown }): string | undefined =>
  typeof body.action === 'string' ? body.action : undefined;

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** Resolves each request's credentials into the caller, roles and all. */
  actors: Actors;
  auditor: AuditorService;
  changes: ChangeService;
  changeLog: ChangeLogService;
  freeze: FreezeService;
  gate: GateService;
  /** Conflicts, the calendar and the next free slot (issue 21). */
  landscape: LandscapeService;
  /** The CTO's lockdowns (issue 24). */
  lockdowns: LockdownService;
  /** The raise form's risk before the change exists (issue 24). */
  risk: RiskService;
  /** Counts the refused mutations. */
  metrics: ChangeManagementMetrics;
  summary: SummaryService;
  /** Issue 21: an entity's delivery figures. */
  metricsService: MetricsService;
  auditTrail: AuditTrailService;
  evidence: AuditEvidenceService;
  exceptions: AuditExceptionsService;
  /** Issue 20: the linked pull request's snapshots. */
  pullRequests: PullRequestService;
}

/**
 * Translates HTTP to service calls, and wraps every mutation in an auditor
 * event; every rule lives in the services. The OpenAPI document is
 * generated from the shared zod schemas (src/schema/openapi.ts), and types
 * each handler's params, query, body and answer. Those schemas read the
 * query strings and an action's body here, and a draft in the service
 * (which the actions registry calls too): each is read once.
 */
export async function createRouter(options: RouterOptions) {
  const {
    actors,
    httpAuth,
    auditor,
    changes,
    changeLog,
    freeze,
    gate,
    landscape,
    lockdowns,
    risk,
    metrics,
    summary,
    metricsService,
    auditTrail,
    evidence,
    exceptions,
    pullRequests,
  } = options;
  // Typed by the spec, which is served at /openapi.json (openApiRouter.ts).
  // A handler's typed `query` and `body` are what the client claims until a
  // zod schema has read them: only the schema's answer is used.
  const router = await createSpecRouter();

  /** A signed-in user; a service token is refused with 403. */
  const actorOf = async (req: HttpRequest): Promise<Caller> =>
    actors.user(await httpAuth.credentials(req, { allow: ['user'] }));

  /** A user, or a pipeline (see {@link Actors.userOrPipeline}). */
  const userOrPipelineOf = async (req: HttpRequest): Promise<Caller> =>
    actors.userOrPipeline(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );

  /** Runs a mutation inside an auditor event: success or fail, never neither. */
  const audited = async <T extends { id: string; state: string }>(
    req: HttpRequest,
    eventId: string,
    meta: JsonObject,
    run: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const result = await run();
      await event.success({
        meta: { changeId: result.id, state: result.state },
      });
      return result;
    } catch (error) {
      metrics.recordRefusal(error);
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // A no-op behind Backstage auth: what every route pays before its own
  // work (token check, routing, JSON), the baseline of `yarn bench`.
  router.get('/ping', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({});
  });

  router.post('/changes', async (req, res) => {
    const change = await audited(req, 'change-create', {}, async () =>
      changes.createChange(req.body, await actorOf(req)),
    );
    res.status(201).json(change);
  });

  // Other plugins read the list too: the search module indexes every
  // change with its own token, and search shows each only to its readers.
  router.get('/changes', async (req, res) => {
    const actor = await actors.userOrPlugin(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
    );
    const { needsActionBy, state, ...query } = queryOf(
      listQuerySchema,
      req.query,
    );
    res.json(
      await changes.listChanges(
        { ...query, states: state, needsActionByMe: needsActionBy === 'me' },
        actor,
      ),
    );
  });

  router.get('/queues', async (req, res) => {
    res.json(await changes.countQueues(await actorOf(req)));
  });

  router.get('/changes/:id', async (req, res) => {
    res.json(
      await changes.getChange(idOf(req.params), await userOrPipelineOf(req)),
    );
  });

  // Editing a draft is the workflow's `edit` action, at its own address.
  // The body is read after the credentials: who is not signed in learns
  // nothing of the schema.
  router.patch('/changes/:id', async (req, res) => {
    const id = idOf(req.params);
    res.json(
      await audited(req, 'change-edit', { changeId: id }, async () => {
        const actor = await actorOf(req);
        return changes.act(
          id,
          actionOf({ ...req.body, action: 'edit' }),
          actor,
        );
      }),
    );
  });

  router.post('/changes/:id/actions', async (req, res) => {
    const id = idOf(req.params);
    const meta = { changeId: id, action: namedAction(req.body) };
    res.json(
      await audited(req, 'change-action', meta, async () => {
        const actor = await userOrPipelineOf(req);
        return changes.act(id, actionOf(req.body), actor);
      }),
    );
  });

  router.get('/changes/:id/events', async (req, res) => {
    res.json(await changes.listEvents(idOf(req.params), await actorOf(req)));
  });

  // Issue 20: the page reads the last snapshot; only Refresh asks GitHub.
  router.get('/changes/:id/pull-request', async (req, res) => {
    res.json(await pullRequests.get(idOf(req.params), await actorOf(req)));
  });

  router.post('/changes/:id/pull-request/refresh', async (req, res) => {
    res.json(await pullRequests.refresh(idOf(req.params), await actorOf(req)));
  });

  router.get('/freeze', async (req, res) => {
    const { credentials } = await actorOf(req);
    const { at, entityRef } = queryOf(freezeQuerySchema, req.query);
    res.json(
      await freeze.status(
        at,
        entityRef ? { entityRef, credentials } : undefined,
      ),
    );
  });

  // Issue 24: the lockdowns the CTO declares and lifts, each mutation in
  // an auditor event of its own.
  const auditedLockdown = async (
    req: HttpRequest,
    eventId: string,
    meta: JsonObject,
    run: () => Promise<Lockdown>,
  ): Promise<Lockdown> => {
    const event = await auditor.createEvent({
      eventId,
      severityLevel: 'high',
      request: req,
      meta,
    });
    try {
      const result = await run();
      await event.success({ meta: { lockdownId: result.id } });
      return result;
    } catch (error) {
      metrics.recordRefusal(error);
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.post('/lockdowns', async (req, res) => {
    const lockdown = await auditedLockdown(
      req,
      'lockdown-declare',
      {},
      async () => lockdowns.declare(req.body, await actorOf(req)),
    );
    res.status(201).json(lockdown);
  });

  router.post('/lockdowns/:id/lift', async (req, res) => {
    const { id } = req.params;
    res.json(
      await auditedLockdown(
        req,
        'lockdown-lift',
        { lockdownId: id },
        async () => lockdowns.lift(id, await actorOf(req)),
      ),
    );
  });

  router.get('/lockdowns', async (req, res) => {
    res.json(await lockdowns.list(req.query, await actorOf(req)));
  });

  router.get('/gate', async (req, res) => {
    const actor = await userOrPipelineOf(req);
    const { changeId, environment } = queryOf(gateQuerySchema, req.query);
    res.json(await gate.check(changeId, environment, actor));
  });

  router.get('/summary', async (req, res) => {
    const actor = await actorOf(req);
    const { entityRef } = queryOf(summaryQuerySchema, req.query);
    res.json(await summary.summarize(entityRef, actor));
  });

  // Read by the Tech Insights module with its service token, or by a user.
  router.get('/entities/facts', async (req, res) => {
    const actor = await userOrPipelineOf(req);
    const { entityRefs } = queryOf(entityFactsQuerySchema, req.query);
    res.json(await summary.facts(entityRefs, actor));
  });

  // Issue 21: figures as /entities/facts serves them, to a user or a
  // service, counting only the changes the caller may read.
  router.get('/metrics', async (req, res) => {
    const actor = await userOrPipelineOf(req);
    const query = queryOf(metricsQuerySchema, req.query);
    res.json(await metricsService.metrics(query, actor));
  });

  // Issue 21: the CTO's overview, every System the caller may read of.
  router.get('/metrics/overview', async (req, res) => {
    const actor = await userOrPipelineOf(req);
    const query = queryOf(metricsOverviewQuerySchema, req.query);
    res.json(await metricsService.overview(query, actor));
  });

  router.get('/export', async (req, res) => {
    const { format, ...query } = queryOf(exportQuerySchema, req.query);
    const rows = await changeLog.exportLog(query, await actorOf(req));
    // Streamed: a failure half-way ends the response as failed.
    if (format === 'json') {
      await pipeline(toJsonStream(rows), res.type('application/json'));
      return;
    }
    res.type('text/csv').attachment(changeLogFileName(query));
    await pipeline(toCsvStream(rows), res);
  });

  router.get('/audit/sample', async (req, res) => {
    const { format, ...query } = queryOf(auditSampleQuerySchema, req.query);
    const actor = await actorOf(req);
    const sample = await evidence.sample(query, actor);
    if (format === 'json') {
      res.json(sample);
      return;
    }
    const words = await evidence.words(sample.items, actor);
    res.type('application/zip').attachment(auditSampleFileName(sample));
    await pipeline(evidenceZip(sample, words), res);
  });

  // One change's packet as a page: the evidence.html of the sample's zip.
  router.get('/audit/evidence/:id', async (req, res) => {
    const id = idOf(req.params);
    const { format } = queryOf(auditEvidenceQuerySchema, req.query);
    const actor = await actorOf(req);
    const packet = await evidence.ofChange(id, actor);
    if (format === 'json') {
      res.json(packet);
      return;
    }
    const page = evidenceHtml(packet, await evidence.words([packet], actor));
    // The page is escaped and runs nothing; its policy says so too. The
    // typed router's send() takes JSON only.
    res.type('text/html').set('Content-Security-Policy', PAGE_POLICY);
    res.end(page);
  });

  router.get('/audit/exceptions', async (req, res) => {
    const scope = queryOf(auditExceptionsQuerySchema, req.query);
    res.json(await exceptions.list(scope, await actorOf(req)));
  });

  router.get('/audit/counts', async (req, res) => {
    const scope = queryOf(auditCountsQuerySchema, req.query);
    res.json(await exceptions.counts(scope, await actorOf(req)));
  });

  router.get('/audit/verify', async (req, res) => {
    res.json(await auditTrail.verify(await actorOf(req)));
  });

  router.get('/audit/checkpoints', async (req, res) => {
    res.json(await auditTrail.checkpoints(await actorOf(req)));
  });

  // The change landscape (issue 21): read as the list is, by users.
  router.get('/conflicts', async (req, res) => {
    const actor = await actorOf(req);
    const query = queryOf(conflictsQuerySchema, req.query);
    res.json(await landscape.conflictsFor(query, actor));
  });

  router.get('/risk', async (req, res) => {
    res.json(await risk.preview(req.query, await actorOf(req)));
  });

  router.get('/calendar', async (req, res) => {
    const actor = await actorOf(req);
    const query = queryOf(calendarQuerySchema, req.query);
    res.json(await landscape.calendar(query, actor));
  });

  router.get('/free-slot', async (req, res) => {
    const actor = await actorOf(req);
    const query = queryOf(freeSlotQuerySchema, req.query);
    res.json(await landscape.freeSlot(query, actor));
  });

  // Bodies are read ahead of the OpenAPI router, whose validator would turn
  // any body error into a 400 naming no field.
  const root = express.Router();
  root.get('/export', exportCompression);
  return root.use(...jsonBodies(), router);
}
