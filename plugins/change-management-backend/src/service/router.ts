import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CHANGE_STATES,
  ChangeState,
  ChangeType,
} from '@trove/backstage-plugin-change-management-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { z } from 'zod';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { AuditService } from './AuditService';
import { Actor, ChangeService } from './ChangeService';
import { toCsv } from './changeLog';
import { parseInput } from './errors';

const limitSchema = z.coerce
  .number({ invalid_type_error: 'limit must be a number from 1 to 100' })
  .int('limit must be a whole number from 1 to 100')
  .min(1, 'limit must be from 1 to 100')
  .max(100, 'limit must be from 1 to 100')
  .default(25);

const statesSchema = z
  .string()
  .transform(s => s.split(','))
  .pipe(
    z.array(
      z.enum(CHANGE_STATES as [ChangeState, ...ChangeState[]], {
        errorMap: () => ({
          message: `state must be one or more of ${CHANGE_STATES.join(
            ', ',
          )}, separated by commas`,
        }),
      }),
    ),
  )
  .optional();

export interface RouterOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  changes: ChangeService;
  audit: AuditService;
}

/**
 * Translates HTTP to service calls, and wraps every mutation in an auditor
 * event; every rule lives in the service. The OpenAPI spec validates shapes
 * first (src/schema/openapi.yaml).
 */
export async function createRouter(options: RouterOptions) {
  const { httpAuth, userInfo, auditor, changes, audit } = options;
  // Backstage's httpAuth, not the spec's security section, decides who is
  // signed in, so a missing token answers 401 rather than a validator's 400.
  const router = await createOpenApiRouter({
    validatorOptions: { validateSecurity: false },
  });

  const actorOf = async (req: Request): Promise<Actor> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const info = await userInfo.getUserInfo(credentials);
    return {
      userEntityRef: credentials.principal.userEntityRef,
      ownershipEntityRefs: info.ownershipEntityRefs,
      credentials,
    };
  };

  /** Runs a mutation inside an auditor event: success or fail, never neither. */
  const audited = async <T extends { id: string; state: string }>(
    req: Request,
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
      await event.fail({ error: error as Error });
      throw error;
    }
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/changes', async (req, res) => {
    const change = await audited(req, 'change-create', {}, async () =>
      changes.createChange(req.body, await actorOf(req)),
    );
    res.status(201).json(change);
  });

  router.get('/changes', async (req, res) => {
    const actor = await actorOf(req);
    const { query } = req;
    const limit = parseInput(() => limitSchema.parse(query.limit));
    res.json(
      await changes.listChanges(
        {
          entityRef: query.entityRef,
          states: parseInput(() => statesSchema.parse(query.state)),
          type: query.type as ChangeType | undefined,
          createdBy: query.author,
          needsActionBy:
            query.needsActionBy === 'me'
              ? changes.workflowActor(actor)
              : undefined,
          overdue: query.overdue === 'true',
          limit,
          cursor: query.cursor,
        },
        actor,
      ),
    );
  });

  router.get('/changes/:id', async (req, res) => {
    res.json(await changes.getChange(req.params.id, await actorOf(req)));
  });

  router.patch('/changes/:id', async (req, res) => {
    const { id } = req.params;
    res.json(
      await audited(req, 'change-edit', { changeId: id }, async () =>
        changes.editChange(id, req.body, await actorOf(req)),
      ),
    );
  });

  router.post('/changes/:id/actions', async (req, res) => {
    const { id } = req.params;
    const action = String((req.body as { action?: unknown }).action);
    res.json(
      await audited(req, 'change-action', { changeId: id, action }, async () =>
        changes.act(id, req.body, await actorOf(req)),
      ),
    );
  });

  router.get('/changes/:id/events', async (req, res) => {
    res.json(await changes.listEvents(req.params.id, await actorOf(req)));
  });

  router.get('/freeze', async (req, res) => {
    await actorOf(req);
    res.json(audit.freezeStatus(req.query.at));
  });

  router.get('/export', async (req, res) => {
    const rows = await audit.exportLog(req.query, await actorOf(req));
    if (req.query.format === 'json') {
      res.json({ items: rows });
      return;
    }
    res
      .type('text/csv')
      .attachment(`change-log-${req.query.from}-${req.query.to}.csv`)
      .end(toCsv(rows));
  });

  router.get('/audit/verify', async (req, res) => {
    res.json(await audit.verifyAuditTrail(await actorOf(req)));
  });

  return router;
}
