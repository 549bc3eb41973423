import { ZodError } from 'zod';
import { actionRequestSchema, parseActionRequest } from './actionSchemas';
import { changeEditSchema } from './schemas';
import { CHANGE_ACTIONS } from './types';

const messages = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as ZodError).issues.map(i => i.message);
  }
  throw new Error('expected a validation error');
};

describe('parseActionRequest', () => {
  it('parses an action with its fields', () => {
    expect(
      parseActionRequest({
        action: 'verify',
        version: 7,
        postDeploymentVerified: 'yes',
        issuesEncountered: '',
      }),
    ).toEqual({
      action: 'verify',
      version: 7,
      postDeploymentVerified: 'yes',
      issuesEncountered: '',
    });
  });

  it('refuses an unknown action, naming the known ones', () => {
    expect(
      messages(() => parseActionRequest({ action: 'merge', version: 1 })),
    ).toEqual([
      expect.stringMatching(/^Unknown action; use one of edit, submit, review/),
    ]);
  });

  it('needs the version', () => {
    expect(messages(() => parseActionRequest({ action: 'submit' }))).toEqual([
      'version is required: send the version you last saw',
    ]);
  });

  it('names each missing field of record-staging', () => {
    expect(
      messages(() =>
        parseActionRequest({
          action: 'record-staging',
          version: 2,
          functionalTested: true,
        }),
      ),
    ).toEqual([
      'Regression checks is required (true or false)',
      'No unexpected side effects is required (true or false)',
      "Staging tested must be 'yes', 'no' or 'n/a'",
    ]);
  });

  it('refuses blank required text', () => {
    expect(
      messages(() =>
        parseActionRequest({ action: 'reject', version: 2, comment: '   ' }),
      ),
    ).toEqual(['Comment is required']);
  });

  it('refuses fields the action does not record, such as an actor', () => {
    expect(
      messages(() =>
        parseActionRequest({
          action: 'approve',
          version: 2,
          actor: 'user:default/carol',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/Unrecognized key\(s\) in object: 'actor'/),
    ]);
  });

  it('refuses a non-object body', () => {
    expect(messages(() => parseActionRequest('approve'))).toContain(
      'version is required: send the version you last saw',
    );
  });
});

describe('the action request schemas', () => {
  it('refuses a field another action records', () => {
    expect(
      messages(() =>
        parseActionRequest({ action: 'approve', version: 2, reason: 'x' }),
      ),
    ).toEqual([
      expect.stringMatching(/Unrecognized key\(s\) in object: 'reason'/),
    ]);
  });

  it('takes an edit without its type, filling the draft defaults', () => {
    const edit = {
      title: 'Upgrade',
      affectedEntityRefs: ['component:default/payments-service'],
    };
    expect(parseActionRequest({ action: 'edit', version: 2, ...edit })).toEqual(
      {
        action: 'edit',
        version: 2,
        ...edit,
        description: '',
        risks: '',
        testingNotes: '',
      },
    );
    expect(changeEditSchema.parse({ ...edit, version: 2 })).toMatchObject(edit);
    expect(() =>
      changeEditSchema.parse({ ...edit, type: 'minor', version: 2 }),
    ).toThrow(/Type must be one of standard, emergency, infrastructure/);
  });

  it('describes exactly one request per action, told apart by its name', () => {
    expect(
      actionRequestSchema.options.map(option => option.shape.action.value),
    ).toEqual(CHANGE_ACTIONS);
  });
});
