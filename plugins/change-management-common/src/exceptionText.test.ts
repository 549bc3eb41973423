import { describeException, exceptionFacts } from './exceptionText';
import { timeLabel } from './labels';

const words = {
  name: (ref: string) => (ref === 'user:default/carol' ? 'Carol Chen' : ref),
  time: (iso: string) => timeLabel(iso, 'Europe/Paris'),
};
const approval = { by: 'user:default/carol', at: '2026-10-05T10:30:00.000Z' };
const freeze = {
  start: '2026-10-01T00:00:00.000Z',
  end: '2027-01-01T00:00:00.000Z',
  timeZone: 'UTC',
};

describe('describeException', () => {
  it('names the approver and writes times in the reader’s zone', () => {
    const facts = exceptionFacts('freeze-override', { approved: approval }, [
      {
        action: 'deploy',
        fields: {
          freezeOverride: true,
          freezeWindow: freeze,
          approvalReliedOn: approval,
        },
      },
    ]);
    const text = describeException(
      {
        kind: 'freeze-override',
        detail: `... on the CTO approval of ${approval.by} at ${approval.at}`,
        facts,
      },
      words,
    );
    expect(text).toBe(
      'Deployed while production was frozen from 2026-10-01 to 2026-12-31 (UTC), relying on the CTO approval of Carol Chen at Oct 5, 2026, 12:30 PM GMT+2.',
    );
    expect(text).not.toMatch(/user:default|\dT\d/);
  });

  it('dates a late retrospective by its due and documented times', () => {
    const facts = exceptionFacts(
      'late-retrospective',
      {
        retrospectiveDueAt: '2026-10-07T11:00:00.000Z',
        retrospective: {
          by: 'user:default/alice',
          at: '2026-10-08T09:00:00.000Z',
          whatChanged: 'a',
          why: 'b',
          approvalReceived: 'c',
          late: true,
        },
      },
      [],
    );
    expect(
      describeException(
        { kind: 'late-retrospective', detail: 'stored', facts },
        words,
      ),
    ).toBe(
      'Documented Oct 8, 2026, 11:00 AM GMT+2, after the due time Oct 7, 2026, 1:00 PM GMT+2.',
    );
  });

  it('keeps the stored detail where there is nothing to reword', () => {
    expect(
      describeException(
        { kind: 'waived-review', detail: 'Only engineer on call' },
        words,
      ),
    ).toBe('Only engineer on call');
  });
});
