import type { ZodIssue } from 'zod';
import type { InputIssue } from './errors';

/**
 * zod's issues as the contract names them: one issue per field, its path
 * dotted (`incident.severity`). An unknown key is named as its own path, so
 * that a form can show it beside that field and a client can tell which key
 * to drop. The server's 400 and the portal's forms both use this, so a
 * refusal reads the same from either side.
 *
 * @public
 */
export function toInputIssues(issues: readonly ZodIssue[]): InputIssue[] {
  return issues.flatMap(issue =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(key => ({
          path: [...issue.path, key].join('.'),
          message: `Unknown field '${key}'`,
        }))
      : [{ path: issue.path.join('.'), message: issue.message }],
  );
}
