import { z } from 'zod';
import { parseActionRequest } from './actionSchemas';
import { toInputIssues } from './inputIssues';

const issuesOf = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    return toInputIssues((error as z.ZodError).issues);
  }
  throw new Error('expected a validation error');
};

describe('toInputIssues', () => {
  it('dots the path of a nested field', () => {
    const schema = z.object({
      incident: z.object({ severity: z.enum(['P1', 'P2']) }),
      affectedEntityRefs: z.array(z.string()),
    });
    expect(
      issuesOf(() =>
        schema.parse({
          incident: { severity: 'P3' },
          affectedEntityRefs: ['component:a', 7],
        }),
      ),
    ).toEqual([
      { path: 'incident.severity', message: expect.stringContaining('P1') },
      { path: 'affectedEntityRefs.1', message: expect.any(String) },
    ]);
  });

  it('names each unknown key as its own field', () => {
    const schema = z
      .object({ incident: z.object({ ref: z.string() }).strict() })
      .strict();
    expect(
      issuesOf(() =>
        schema.parse({ incident: { ref: 'INC-1', by: 'x' }, a: 1, b: 2 }),
      ),
    ).toEqual([
      { path: 'incident.by', message: "Unknown field 'by'" },
      { path: 'a', message: "Unknown field 'a'" },
      { path: 'b', message: "Unknown field 'b'" },
    ]);
  });

  it('names a smuggled actor beside the fields an action refuses', () => {
    expect(
      issuesOf(() =>
        parseActionRequest({
          action: 'reject',
          version: 2,
          comment: ' ',
          actor: 'user:default/carol',
        }),
      ),
    ).toEqual([
      { path: 'comment', message: 'Comment is required' },
      { path: 'actor', message: "Unknown field 'actor'" },
    ]);
  });

  it('gives an issue of the whole request an empty path', () => {
    expect(issuesOf(() => z.string().parse(1))).toEqual([
      { path: '', message: 'Expected string, received number' },
    ]);
  });
});
