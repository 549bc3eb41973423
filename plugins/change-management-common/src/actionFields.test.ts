import { z } from 'zod';
import { ActionField, ActionFieldForm } from './actionFields';
import {
  ACTION_FIELDS,
  actionFieldSchemas,
  failedAnswers,
  parseActionRequest,
} from './actionSchemas';

const everyField = Object.entries(ACTION_FIELDS).flatMap(([action, fields]) =>
  Object.entries(fields as Record<string, ActionField>).map(
    ([name, field]) => [`${action} ${name}`, field] as const,
  ),
);

const choices = everyField.flatMap(([name, { schema, form }]) =>
  form?.kind === 'choice'
    ? [[name, schema as z.ZodEnum<[string]>, form] as const]
    : [],
);

/** What a form may send for a field, and what it sends when unanswered. */
function answersOf(form?: ActionFieldForm) {
  if (!form) {
    // Only an API client sends it: the form leaves it out.
    return { sends: [undefined], unanswered: [] };
  }
  switch (form.kind) {
    case 'check':
      return { sends: [true, false], unanswered: [undefined] };
    case 'choice':
      return { sends: [...form.options], unanswered: [undefined] };
    default:
      return {
        required: { sends: ['x'], unanswered: ['', ' ', undefined] },
        optional: { sends: ['x', undefined], unanswered: [] },
        'may-be-empty': { sends: ['x', ''], unanswered: [undefined] },
      }[form.presence];
  }
}

describe('ACTION_FIELDS', () => {
  it('is where every action but edit takes its schema from', () => {
    for (const [action, fields] of Object.entries(ACTION_FIELDS)) {
      const schema = actionFieldSchemas[action as keyof typeof ACTION_FIELDS];
      expect(Object.keys(schema.shape)).toEqual(Object.keys(fields));
    }
  });

  // The form builds the request from these answers: the schema must take
  // whatever the form sends, and refuse what it sends for a question left
  // unanswered.
  it.each(everyField)('asks %s as its schema takes it', (_, field) => {
    const { sends, unanswered } = answersOf(field.form);
    const schema: z.ZodTypeAny = field.schema;
    expect(sends.filter(v => !schema.safeParse(v).success)).toStrictEqual([]);
    expect(unanswered.filter(v => schema.safeParse(v).success)).toStrictEqual(
      [],
    );
  });

  it.each(choices)('offers the values of %s', (_, schema, form) => {
    expect(schema.options).toEqual(form.options);
    expect([undefined, ...form.options]).toContain(form.failsOn);
  });

  it("names a field in the schema's messages as the form labels it", () => {
    expect(() =>
      parseActionRequest({
        action: 'complete-review',
        version: 1,
        preventable: 'maybe',
        notes: ' ',
      }),
    ).toThrow(
      /Could it have been prevented\? must be 'yes' or 'no'[\s\S]*Notes is required/,
    );
  });
});

describe('failedAnswers', () => {
  const staging = {
    action: 'record-staging',
    version: 3,
    functionalTested: true,
    regressionChecked: true,
    noUnexpectedSideEffects: true,
    stagingTested: 'yes',
  } as const;

  it('names the failed staging checks by their labels, in the form order', () => {
    expect(failedAnswers(staging)).toEqual([]);
    expect(
      failedAnswers({
        ...staging,
        functionalTested: false,
        noUnexpectedSideEffects: false,
        stagingTested: 'no',
      }),
    ).toEqual([
      'Functional testing',
      'No unexpected side effects',
      'Staging tested',
    ]);
    expect(failedAnswers({ ...staging, stagingTested: 'n/a' })).toEqual([]);
  });

  it('counts a "No" as a failure only where the SOP does', () => {
    const verify = {
      action: 'verify',
      version: 5,
      issuesEncountered: '',
    } as const;
    expect(
      failedAnswers({ ...verify, postDeploymentVerified: 'no' } as const),
    ).toEqual(['Post-deployment verified']);
    expect(
      failedAnswers({ ...verify, postDeploymentVerified: 'yes' } as const),
    ).toEqual([]);
    expect(
      failedAnswers({
        action: 'complete-review',
        version: 6,
        preventable: 'no',
        notes: 'A flaky test',
      }),
    ).toEqual([]);
  });
});
