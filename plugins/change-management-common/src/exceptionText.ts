import { z } from 'zod';
import { describeClosure } from './blackouts';
import { refusalWindowSchema } from './errors';
import type { ChangeEvent } from './events';
import { isoTime } from './fields';
import { Change, changeSignatureSchema, ChangeExceptionKind } from './types';

/**
 * What an exception's sentence is made of besides its stored detail, so
 * that it reads in the reader's words: names instead of refs, their own
 * times. The stored detail was written once, with refs and ISO times.
 *
 * @public
 */
export const exceptionFactsSchema = z
  .object({
    window: refusalWindowSchema
      .optional()
      .describe('freeze-override: the closure the emergency deployed through.'),
    approval: changeSignatureSchema
      .optional()
      .describe('freeze-override: the CTO approval it relied on.'),
    dueAt: isoTime(
      'late-retrospective, missing-retrospective: when it was due.',
    ).optional(),
    documentedAt: isoTime(
      'late-retrospective: when it was documented.',
    ).optional(),
  })
  .strict();

/** @public */
export type ExceptionFacts = z.infer<typeof exceptionFactsSchema>;

/** How people are named and times are written where the sentence is read. @public */
export interface ReaderWords {
  /** A user's or entity's name, e.g. "Carol Chen", for a ref. */
  name: (ref: string) => string;
  /** A time in the reader's zone, e.g. "Jun 10, 2026, 9:00 AM UTC". */
  time: (iso: string) => string;
}

/**
 * The facts of an exception of this kind, from its change and its events:
 * what the change page and the evidence packet word it with. The Audit
 * page's list carries the same facts from the database.
 *
 * @public
 */
export function exceptionFacts(
  kind: ChangeExceptionKind,
  change: Pick<Change, 'approved' | 'retrospective' | 'retrospectiveDueAt'>,
  events: Pick<ChangeEvent, 'action' | 'fields'>[],
): ExceptionFacts {
  if (kind === 'freeze-override') {
    const deploy = events.find(
      e => e.action === 'deploy' && e.fields.freezeOverride,
    );
    return {
      window: deploy?.fields.freezeWindow,
      approval: deploy?.fields.approvalReliedOn ?? change.approved,
    };
  }
  if (kind === 'late-retrospective') {
    return {
      dueAt: change.retrospectiveDueAt,
      documentedAt: change.retrospective?.at,
    };
  }
  return {};
}

/**
 * An exception in a sentence for people, with names and times in the
 * reader's words where its facts allow, otherwise its stored detail: the
 * change page, the Audit page and the evidence packet all say this.
 *
 * @public
 */
export function describeException(
  exception: { kind: string; detail: string; facts?: ExceptionFacts },
  { name, time }: ReaderWords,
): string {
  const { window, approval, dueAt, documentedAt } = exception.facts ?? {};
  if (exception.kind === 'freeze-override' && approval) {
    return `Deployed while production was ${describeClosure(
      window,
      time,
    )}, relying on the CTO approval of ${name(approval.by)} at ${time(
      approval.at,
    )}.`;
  }
  if (exception.kind === 'late-retrospective' && dueAt && documentedAt) {
    return `Documented ${time(documentedAt)}, after the due time ${time(
      dueAt,
    )}.`;
  }
  return exception.detail;
}
