import { ChangeAction, ChangeState } from './types';

/**
 * One field the server refused, by its dotted path in the request body
 * (`incident.severity`); an empty path means the request as a whole.
 *
 * @public
 */
export type InputIssue = { path: string; message: string };

/** A freeze or blackout window as a refusal names it. @public */
export type RefusalWindow = { start: string; end: string; timeZone: string };

/**
 * Why the workflow refuses a request: the `error.name` of the HTTP answer and
 * the fields a program acts on. Clients read these, never the message text.
 *
 * @public
 */
export type Refusal =
  | { name: 'InputError'; message: string; issues: InputIssue[] }
  | { name: 'NotAllowedError'; message: string }
  | {
      name: 'InvalidTransitionError';
      message: string;
      state: ChangeState;
      allowedActions: ChangeAction[];
    }
  | { name: 'FreezeError'; message: string; window: RefusalWindow }
  | { name: 'StaleVersionError'; message: string; currentVersion: number };

/** The `error.name`s of the refusals. @public */
export type RefusalName = Refusal['name'];

/** The HTTP status of each refusal. @public */
export const REFUSAL_STATUS: Record<RefusalName, 400 | 403 | 409> = {
  InputError: 400,
  NotAllowedError: 403,
  InvalidTransitionError: 409,
  FreezeError: 409,
  StaleVersionError: 409,
};

/**
 * The refusal in an error from the server, when there is one: reads Backstage's
 * error body (`{ error: { name, message, ...fields } }`) from a
 * `ResponseError` or from a body alone.
 *
 * @public
 */
export function refusalOf(error: unknown): Refusal | undefined {
  const e = error as
    | { body?: { error?: unknown }; error?: unknown }
    | undefined;
  const candidate = (e?.body?.error ?? e?.error) as
    | { name?: unknown; message?: unknown }
    | undefined;
  if (
    candidate &&
    typeof candidate.name === 'string' &&
    typeof candidate.message === 'string' &&
    candidate.name in REFUSAL_STATUS
  ) {
    return candidate as Refusal;
  }
  return undefined;
}
