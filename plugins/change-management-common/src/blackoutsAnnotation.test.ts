import { describeClosure, productionClosure } from './blackouts';
import {
  parseBlackoutsAnnotation,
  unreadableAnnotation,
} from './blackoutsAnnotation';
import { parseActionRequest } from './actionSchemas';
import { Change } from './types';
import { applyAction } from './workflow/applyAction';
import { deployVerdict } from './workflow/deployVerdict';
import { describeNextStep } from './workflow/nextStep';

const MIGRATION = {
  start: '2026-06-10T00:00:00Z',
  end: '2026-06-11T00:00:00Z',
  reason: 'Payments database migration',
};

describe('parseBlackoutsAnnotation', () => {
  const parse = (value: unknown) =>
    parseBlackoutsAnnotation(
      typeof value === 'string' ? value : JSON.stringify(value),
    );

  it('reads an array of blackouts', () => {
    expect(parse([MIGRATION])).toEqual({
      blackouts: [MIGRATION],
      problems: [],
    });
    expect(parse([])).toEqual({ blackouts: [], problems: [] });
  });

  it.each([
    ['not JSON', '[{"start": ', /^it is not JSON \(/],
    ['an object', MIGRATION, /^it is not a JSON array/],
    ['empty', '', /^it is not JSON/],
  ])('cannot read an annotation that is %s', (_, value, problem) => {
    expect(parse(value)).toEqual({
      blackouts: [],
      problems: [expect.stringMatching(problem)],
    });
  });

  it.each([
    ['an extra field', { ...MIGRATION, owner: 'dba' }, "unknown field 'owner'"],
    [
      'an inverted range',
      { ...MIGRATION, end: MIGRATION.start },
      'end: must be after start',
    ],
    [
      'a missing reason',
      { start: MIGRATION.start, end: MIGRATION.end },
      'reason: Required',
    ],
    [
      'a time that is not ISO',
      { ...MIGRATION, start: 'tomorrow' },
      'start: Invalid datetime',
    ],
    ['not an object', 'June', 'Expected object, received string'],
  ])(
    'keeps the good entries beside one with %s, and names it',
    (_, bad, problem) => {
      expect(parse([MIGRATION, bad])).toEqual({
        blackouts: [MIGRATION],
        problems: [`entry 2: ${problem}`],
      });
    },
  );
});

describe('an unreadable annotation, through the one deploy verdict', () => {
  const entityRef = 'system:default/payments';
  const window = unreadableAnnotation(entityRef, [
    "entry 2: unknown field 'owner'",
  ]);
  const held = productionClosure({
    freezeTimeZone: 'UTC',
    blackouts: [window],
  })!;
  const approved = { by: 'user:default/carol', at: '2026-06-01T08:00:00Z' };
  const change = (type: Change['type'], state: Change['state']) =>
    ({
      id: 'c1',
      type,
      state,
      version: 5,
      title: 't',
      description: 'd',
      risks: 'r',
      testingNotes: 'n',
      affectedEntityRefs: ['component:default/payments-service'],
      affectedSystemRefs: [entityRef],
      createdBy: 'user:default/alice',
      createdAt: '2026-05-01T09:00:00Z',
      updatedAt: '2026-05-01T09:00:00Z',
      approved,
      exceptions: [],
      overdue: false,
    } satisfies Change);
  const ctx = {
    actor: {
      userEntityRef: 'user:default/alice',
      isCto: false,
      engineerOf: 'any' as const,
    },
    now: new Date('2026-06-10T12:00:00Z'),
    allowSelfApproval: false,
    freezeTimeZone: 'UTC',
    blackouts: [window],
  };
  const closed = `blacked out because the trove.io/change-blackouts annotation of system:default/payments cannot be read (entry 2: unknown field 'owner')`;

  it('holds every time, and says so without dates', () => {
    expect(describeClosure(held)).toBe(closed);
    expect(
      deployVerdict(
        change('standard', 'ready_for_production'),
        'production',
        held,
      ),
    ).toEqual({
      allowed: false,
      final: false,
      reasons: [
        `Production is ${closed}: only emergency changes may deploy. Deploy once it reopens after the annotation is fixed, or raise an emergency change`,
      ],
      heldBy: held,
    });
    expect(
      describeNextStep(change('infrastructure', 'ready_for_production'), {
        authorName: 'Alice',
        verdict: deployVerdict(
          change('infrastructure', 'ready_for_production'),
          'production',
          held,
        ),
      }),
    ).toBe(
      'Ready for production: deploy when the blackout ends after the annotation is fixed, or raise an emergency',
    );
  });

  it('refuses a standard deploy naming the entity and the error, and records an emergency’s override', () => {
    const deploy = parseActionRequest({ action: 'deploy', version: 5 });
    expect(
      applyAction(change('standard', 'ready_for_production'), deploy, ctx),
    ).toEqual({
      ok: false,
      name: 'FreezeError',
      message: `Production deploys of standard changes are ${closed}; only emergency changes may deploy`,
      window: held,
    });
    const emergency = applyAction(change('emergency', 'approved'), deploy, ctx);
    expect(emergency).toMatchObject({
      ok: true,
      exceptions: [
        {
          kind: 'freeze-override',
          detail: `Emergency deployed while production was ${closed}, on the CTO approval of user:default/carol at 2026-06-01T08:00:00Z`,
        },
      ],
      eventFields: { freezeOverride: true, freezeWindow: held },
    });
  });
});
