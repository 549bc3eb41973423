import { parseEntityRef } from '@backstage/catalog-model';
import { z } from 'zod';
import { isoTime, plannedTime } from './fields';
import type { RefusalWindow } from './errors';

/**
 * Issue 24 item 4: a lockdown the CTO declares in the portal. During an
 * incident or a critical week it closes production to standard and
 * infrastructure deploys of everything, of a System, or of a Domain (and
 * so of their parts), from a start until its end or until the CTO lifts
 * it. It is one more window behind the one deploy verdict
 * (productionClosure), not a copy of the freeze.
 */

/** The kinds a lockdown may be scoped to; without a ref it is everything. */
const SCOPE_KINDS = ['system', 'domain'];

/** A lockdown as the API answers it. @public */
export const lockdownSchema = z
  .object({
    id: z.string().uuid(),
    entityRef: z
      .string()
      .optional()
      .describe(
        'The System or Domain it covers, with their parts; absent for everything.',
      ),
    reason: z.string(),
    start: isoTime('Inclusive.'),
    end: isoTime('Exclusive; absent until lifted.').optional(),
    declaredBy: z.string(),
    declaredAt: isoTime('When it was declared.'),
    liftedBy: z.string().optional(),
    liftedAt: isoTime('When the CTO lifted it; it ends there.').optional(),
  })
  .strict();

/** @public */
export type Lockdown = z.infer<typeof lockdownSchema>;

/** @public */
export const lockdownListSchema = z
  .object({
    items: z.array(lockdownSchema),
    canDeclare: z
      .boolean()
      .describe(
        'Whether the caller holds the CTO role, and so may declare and lift a lockdown.',
      ),
  })
  .strict();

/** @public */
export type LockdownList = z.infer<typeof lockdownListSchema>;

/** The body of `POST /lockdowns`. @public */
export const lockdownDeclarationSchema = z
  .object({
    entityRef: z
      .string()
      .trim()
      .min(1)
      .refine(
        ref => {
          try {
            return SCOPE_KINDS.includes(
              parseEntityRef(ref).kind.toLocaleLowerCase('en-US'),
            );
          } catch {
            return false;
          }
        },
        { message: 'entityRef must be a System or a Domain ref' },
      )
      .optional()
      .describe('A System or Domain ref; omit it to lock down everything.'),
    reason: z
      .string({ required_error: 'reason is required' })
      .trim()
      .min(1, 'reason is required')
      .max(1000),
    start: plannedTime('start'),
    end: plannedTime('end').optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.end && Date.parse(d.end) <= Date.parse(d.start)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['end'],
        message: 'end must be after start',
      });
    }
  });

/** @public */
export type LockdownDeclaration = z.infer<typeof lockdownDeclarationSchema>;

/** A declaration as a client sends it. @public */
export type LockdownDeclarationInput = z.input<
  typeof lockdownDeclarationSchema
>;

/** The query of `GET /lockdowns`. @public */
export const lockdownsQuerySchema = z
  .object({
    active: z
      .enum(['true', 'false'])
      .optional()
      .describe('`true`: only those in force now.'),
    entityRef: z
      .string()
      .optional()
      .describe(
        'Only those covering this entity: everything, its System or its Domain.',
      ),
  })
  .strict();

/**
 * The end of a lockdown declared without one: it holds until the CTO lifts
 * it. describeClosure and describeReopening say so instead of printing it.
 */
export const UNTIL_LIFTED = '9999-12-31T23:59:59.999Z';

/**
 * When a lockdown ends: its end, or when it was lifted if that came first.
 * The one judge of "is this lockdown in force at this time?" is
 * lockdownActive; the store's SQL (activeLockdowns) sits beside it.
 *
 * @public
 */
export function lockdownEnd(lockdown: Lockdown): string {
  const ends = [lockdown.end, lockdown.liftedAt].filter(
    (t): t is string => !!t,
  );
  return ends.length
    ? ends.reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b))
    : UNTIL_LIFTED;
}

/** Whether the lockdown is in force at this time. @public */
export function lockdownActive(lockdown: Lockdown, at: Date): boolean {
  return (
    Date.parse(lockdown.start) <= at.getTime() &&
    at.getTime() < Date.parse(lockdownEnd(lockdown))
  );
}

/**
 * Whether the lockdown covers an entity whose own ref, System and Domain
 * (`scopes`) are given: everything, or one of them.
 *
 * @public
 */
export function lockdownCovers(lockdown: Lockdown, scopes: string[]): boolean {
  return !lockdown.entityRef || scopes.includes(lockdown.entityRef);
}

/** The lockdown as the window a refusal or an override names. @public */
export function lockdownWindow(lockdown: Lockdown): RefusalWindow {
  return {
    start: lockdown.start,
    end: lockdownEnd(lockdown),
    timeZone: 'UTC',
    lockdownId: lockdown.id,
    ...(lockdown.entityRef && { entityRef: lockdown.entityRef }),
    reason: lockdown.reason,
  };
}
