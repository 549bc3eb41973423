import { changeEventFieldsSchema } from './events';

describe('changeEventFieldsSchema', () => {
  it('takes the fields of any action and what the workflow adds', () => {
    const fields = {
      comment: 'Looks good',
      functionalTested: true,
      stagingTested: 'no',
      failedChecks: ['staging tested'],
      freezeOverride: true,
      freezeWindow: {
        start: '2026-10-01T00:00:00.000Z',
        end: '2027-01-01T00:00:00.000Z',
        timeZone: 'UTC',
      },
    };
    expect(changeEventFieldsSchema.parse(fields)).toEqual(fields);
  });

  it('adds none of the draft defaults: an action records what it sent', () => {
    expect(changeEventFieldsSchema.parse({ reason: 'Superseded' })).toEqual({
      reason: 'Superseded',
    });
  });

  it('refuses a key no action records', () => {
    expect(() => changeEventFieldsSchema.parse({ actor: 'x' })).toThrow(
      /Unrecognized key/,
    );
  });
});
