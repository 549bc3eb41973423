import { InputIssue } from '@trove/backstage-plugin-change-management-common';

/** Issues as a form shows them: beside its fields, or above them all. */
export type PlacedIssues = {
  /** The first message for each field, by the form's name for it. */
  fields: Record<string, string>;
  /** What names no field the form shows. */
  general: string[];
};

/**
 * Puts each issue beside the field its path names: `fieldOf` is asked the
 * path, then each shorter prefix of it (`affectedEntityRefs.0` names the
 * entity picker), and answers with a field the form shows or `undefined`.
 */
export function placeIssues(
  issues: InputIssue[],
  fieldOf: (path: string) => string | undefined,
): PlacedIssues {
  const placed: PlacedIssues = { fields: {}, general: [] };
  for (const { path, message } of issues) {
    const segments = path ? path.split('.') : [];
    let field: string | undefined;
    for (let n = segments.length; n > 0 && !field; n--) {
      field = fieldOf(segments.slice(0, n).join('.'));
    }
    if (field) {
      placed.fields[field] ??= message;
    } else {
      placed.general.push(path ? `${path}: ${message}` : message);
    }
  }
  return placed;
}
