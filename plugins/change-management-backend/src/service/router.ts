import {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  CHANGE_STATES,
  CHANGE_TYPES,
} from '@internal/backstage-plugin-change-management-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { Actor, ChangeService, parseInput } from './ChangeService';

const listQuerySchema = z.object({
  entityRef: z.string().min(1).optional(),
  state: z
    .string()
    .transform(s => s.split(','))
    .pipe(z.array(z.enum(CHANGE_STATES as [string, ...string[]])))
    .optional(),
  type: z.enum(CHANGE_TYPES as [string, ...string[]]).optional(),
  author: z.string().min(1).optional(),
  limit: z.coerce
    .number()
    .int()
    .min(1, 'limit must be between 1 and 100')
    .max(100, 'limit must be between 1 and 100')
    .default(25),
  cursor: z.string().min(1).optional(),
});

export interface RouterOptions {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  service: ChangeService;
}

/** Translates HTTP to service calls; every rule lives in the service. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, userInfo, auditor, service } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  const actorOf = async (req: Request): Promise<Actor> => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const info = await userInfo.getUserInfo(credentials);
    return {
      userEntityRef: credentials.principal.userEntityRef,
      ownershipEntityRefs: info.ownershipEntityRefs,
      credentials,
    };
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.post('/changes', async (req, res) => {
    const auditorEvent = await auditor.createEvent({
      eventId: 'change-create',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const actor = await actorOf(req);
      const change = await service.createChange(req.body, actor);
      await auditorEvent.success({ meta: { changeId: change.id } });
      res.status(201).json(change);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/changes', async (req, res) => {
    await actorOf(req);
    const query = parseInput(() => listQuerySchema.parse(req.query));
    res.json(
      await service.listChanges({
        entityRef: query.entityRef,
        states: query.state as any,
        type: query.type as any,
        createdBy: query.author,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  router.get('/changes/:id', async (req, res) => {
    await actorOf(req);
    res.json(await service.getChange(req.params.id));
  });

  router.get('/changes/:id/events', async (req, res) => {
    await actorOf(req);
    res.json(await service.listEvents(req.params.id));
  });

  return router;
}
