import { changeIn } from '../__testUtils__/changeIn';
import { startChangeManagement } from '../__testUtils__/harness';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

// "May it deploy now, and why not?" is answered three ways on the wire: the
// change's own answer (GET /changes/:id, for its page), the gate (GET
// /gate, for a pipeline) and the deploy itself. They read one verdict, so
// they agree, with the real closure of the change's entities.

const BLACKOUT = {
  entityRef: 'system:default/payments',
  start: '2026-06-20T00:00:00.000Z',
  end: '2026-06-21T00:00:00.000Z',
  reason: 'Payments database migration',
};

/**
 * When production is open, blacked out for the payments System, frozen; and
 * what the verdict is then for each of CHANGES, so that none of the cases
 * is vacuous.
 */
const TIMES = {
  open: ['2026-06-10T09:00:00.000Z', ['no', 'yes', 'no', 'yes']],
  'blacked out': ['2026-06-20T12:00:00.000Z', ['no', 'held', 'no', 'override']],
  frozen: ['2026-10-05T12:00:00.000Z', ['no', 'held', 'no', 'override']],
} as const;

/** What the gate answers, of the verdict. */
const judged = (v: {
  allowed: boolean;
  reasons: string[];
  final: boolean;
}) => ({
  allowed: v.allowed,
  reasons: v.reasons,
  final: v.final,
});

const CHANGES = [
  ['standard', 'in_review'],
  ['standard', 'ready_for_production'],
  ['standard', 'deployed'],
  ['emergency', 'approved'],
] as const;

describe('the change, the gate and the deploy agree on the verdict', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it.each(Object.entries(TIMES))(
      'production %s',
      async (_, [time, expected]) => {
        const h = await startChangeManagement({
          knex: await databases.init(databaseId),
          changeManagement: {
            roles: { cto: ['group:default/cto'] },
            blackouts: [BLACKOUT],
          },
        });
        const changes = [];
        for (const [type, state] of CHANGES) {
          changes.push(await changeIn(h, type, state));
        }
        h.clock.set(time);
        const seen: string[] = [];
        for (const change of changes) {
          const { body: detail } = await h
            .as('alice')
            .get(`/changes/${change.id}`);
          const verdict = detail.deployVerdict;
          const { body: gate } = await h
            .as('alice')
            .get(`/gate?changeId=${change.id}`);
          expect(judged(gate)).toEqual(judged(verdict));
          seen.push(
            (verdict.heldBy && 'held') ||
              (verdict.override && 'override') ||
              (verdict.allowed ? 'yes' : 'no'),
          );

          const deploy = await h
            .as('alice')
            .post(`/changes/${change.id}/actions`, {
              action: 'deploy',
              version: change.version,
            });
          // The deploy goes through exactly when the verdict says, refused
          // with the window it holds by, recording the window it overrides.
          expect({
            status: deploy.status,
            refusal: deploy.body.error?.name,
            window: deploy.body.error?.window,
            overrides: deploy.body.exceptions?.filter(
              (e: { kind: string }) => e.kind === 'freeze-override',
            ).length,
          }).toEqual({
            status: verdict.allowed ? 200 : 409,
            refusal:
              (verdict.heldBy && 'FreezeError') ||
              (!verdict.allowed && 'InvalidTransitionError') ||
              undefined,
            window: verdict.heldBy,
            overrides: verdict.allowed ? Number(!!verdict.override) : undefined,
          });
        }
        expect(seen).toEqual(expected);
      },
    );
  });
});
