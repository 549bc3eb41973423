import { ApiRouter } from '@backstage/backend-openapi-utils';
import Router from 'express-promise-router';
import { createOpenApiRouter, spec } from '../schema/openapi/generated/router';

type SpecRouter = ApiRouter<typeof spec>;

/**
 * The spec's part of the router: the JSON body parser, the spec served at
 * /openapi.json and express-openapi-validator, made once for the process.
 *
 * The shared zod schemas validate every request, so that a refusal names
 * each field (`issues`); the spec's own validator would only repeat them in
 * one sentence. Backstage's httpAuth, not the spec's security section,
 * decides who is signed in. Even with nothing to validate, the validator
 * reads the whole spec when it first runs, about a third of a second of
 * CPU. The spec is a constant, so one validator serves every router a
 * process makes: a backend makes one, and a test file one per test backend,
 * where it took half of each test's time (issue 19 §4).
 */
let specRouter: Promise<SpecRouter> | undefined;

/**
 * A router typed by the spec, as `createOpenApiRouter` makes it, with the
 * process's one spec router in front of its routes.
 */
export async function createSpecRouter(): Promise<SpecRouter> {
  specRouter ??= createOpenApiRouter({
    validatorOptions: { validateRequests: false, validateSecurity: false },
  });
  const router = Router() as unknown as SpecRouter;
  router.use(await specRouter);
  return router;
}
