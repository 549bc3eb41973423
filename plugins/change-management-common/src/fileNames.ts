/**
 * The names of the files the portal downloads. The server sets them in its
 * Content-Disposition; the browser falls back to the same names when a
 * proxy strips the header.
 */

const day = (time: Date | string) =>
  (typeof time === 'string' ? time : time.toISOString()).slice(0, 10);

/** Safe in a file name on every system: `system-default-payments`. */
const slug = (text: string) =>
  text.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');

/**
 * The change log of a list, named after what selects its changes, each part
 * when it is set: the entity, the type, the states, the title search and
 * the period, e.g.
 * `change-log-system-default-payments-emergency-title-psp-2026-01-01-2027-01-01.csv`;
 * `change-log.csv` for every change.
 *
 * @public
 */
export function changeLogFileName(scope: {
  from?: Date | string;
  to?: Date | string;
  entityRef?: string;
  type?: string;
  state?: readonly string[];
  q?: string;
}): string {
  const parts = [
    scope.entityRef,
    scope.type,
    ...(scope.state ?? []),
    scope.q && `title ${scope.q}`,
    scope.from && scope.to && `${day(scope.from)}-${day(scope.to)}`,
  ]
    .map(part => (part ? slug(part) : ''))
    .filter(Boolean);
  return ['change-log', ...parts].join('-').concat('.csv');
}

/**
 * An auditor's sample, named by its period and its seed, so that the same
 * draw gives the same name: `audit-sample-2026-01-01-2026-04-01-q1.zip`.
 *
 * @public
 */
export function auditSampleFileName(sample: {
  from: Date | string;
  to: Date | string;
  seed: string;
}): string {
  return `audit-sample-${day(sample.from)}-${day(sample.to)}-${slug(
    sample.seed,
  )}.zip`;
}
