import {
  CustomErrorBase,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import {
  ChangeAction,
  ChangeState,
  InputIssue,
  Refusal,
  RefusalWindow,
  RiskLevel,
  RiskPolicyName,
  toInputIssues,
} from '@trove/backstage-plugin-change-management-common';
import type { ZodError } from 'zod';

// Backstage's error handler puts an error's own properties into the body's
// `error` and takes the status from a numeric `statusCode`, so each refusal
// of the contract (docs/api.md) is an error class with its fields.

/** 409: the client acted on a version that is no longer current. */
export class StaleVersionError extends CustomErrorBase {
  name = 'StaleVersionError' as const;
  statusCode = 409;
  constructor(message: string, readonly currentVersion: number) {
    super(message);
  }
}

/** 409: the action is not open in the change's state. */
export class InvalidTransitionError extends CustomErrorBase {
  name = 'InvalidTransitionError' as const;
  statusCode = 409;
  constructor(
    message: string,
    readonly state: ChangeState,
    readonly allowedActions: ChangeAction[],
  ) {
    super(message);
  }
}

/** 409: production is frozen for this change. */
export class FreezeError extends CustomErrorBase {
  name = 'FreezeError' as const;
  statusCode = 409;
  constructor(message: string, readonly window: RefusalWindow) {
    super(message);
  }
}

/** 409: a risk-based policy refuses the action for this change (issue 24). */
export class RiskPolicyError extends CustomErrorBase {
  name = 'RiskPolicyError' as const;
  statusCode = 409;
  constructor(
    message: string,
    readonly policy: RiskPolicyName,
    readonly riskLevel: RiskLevel,
  ) {
    super(message);
  }
}

/**
 * 403: a holder of the CTO role may not peer-review a change that nobody
 * else could approve then.
 */
export class SoleApproverError extends CustomErrorBase {
  name = 'SoleApproverError' as const;
  statusCode = 403;
  constructor(message: string, readonly ctoRoleHolders: string[]) {
    super(message);
  }
}

/** 400 with one issue per bad field. */
export function inputError(message: string, issues: InputIssue[]): InputError {
  return Object.assign(new InputError(message), { issues });
}

/** The HTTP error for a workflow refusal. */
export function refusalError(refusal: Refusal): Error {
  switch (refusal.name) {
    case 'InputError':
      return inputError(refusal.message, refusal.issues);
    case 'NotAllowedError':
      return new NotAllowedError(refusal.message);
    case 'SoleApproverError':
      return new SoleApproverError(refusal.message, refusal.ctoRoleHolders);
    case 'InvalidTransitionError':
      return new InvalidTransitionError(
        refusal.message,
        refusal.state,
        refusal.allowedActions,
      );
    case 'FreezeError':
      return new FreezeError(refusal.message, refusal.window);
    case 'StaleVersionError':
      return new StaleVersionError(refusal.message, refusal.currentVersion);
    case 'RiskPolicyError':
      return new RiskPolicyError(
        refusal.message,
        refusal.policy,
        refusal.riskLevel,
      );
    default:
      return new Error('Unknown refusal');
  }
}

function isZodError(error: unknown): error is ZodError {
  return (
    (error as Error)?.name === 'ZodError' &&
    Array.isArray((error as ZodError).issues)
  );
}

/** Runs a zod parse; its failure becomes a 400 naming each bad field. */
export function parseInput<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    // By name, not instanceof: the schemas come from the -common package,
    // which may bring its own copy of zod into an app.
    if (isZodError(error)) {
      const issues = toInputIssues(error.issues);
      throw inputError(
        `Invalid request: ${issues
          .map(i => (i.path ? `${i.path}: ${i.message}` : i.message))
          .join('; ')}`,
        issues,
      );
    }
    throw error;
  }
}
