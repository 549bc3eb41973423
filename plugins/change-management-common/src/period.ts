/**
 * A period of the change log or the audit, [from, to): the export, the
 * Audit page and the server check it with this one rule.
 *
 * @public
 */
export interface PeriodIssue {
  /** The field to fix. */
  path: 'from' | 'to';
  /** For the field: "Must be after From". */
  message: string;
}

const instant = (value: Date | string) =>
  typeof value === 'string' ? Date.parse(value) : value.getTime();

/**
 * What is wrong with a period, if anything: a missing bound, or a `to` that
 * is not after `from`. Dates (yyyy-mm-dd) and times compare as instants.
 *
 * @public
 */
export function periodIssue(period: {
  from?: Date | string;
  to?: Date | string;
}): PeriodIssue | undefined {
  const { from, to } = period;
  if (!from || !to) {
    return { path: from ? 'to' : 'from', message: 'Pick both dates' };
  }
  if (instant(from) >= instant(to)) {
    return { path: 'to', message: 'Must be after From' };
  }
  return undefined;
}
