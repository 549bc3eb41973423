import { mockServices } from '@backstage/backend-test-utils';
import {
  CHANGE_STATES,
  CHANGE_TYPES,
  isRetrospectiveOverdue,
  isUnverified,
  owesRetrospective,
} from '@trove/backstage-plugin-change-management-common';
import { Knex } from 'knex';
import { completedChange } from '../__testUtils__/bulkChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { listAuditExceptions } from '../database/auditQuery';
import { StoredChange } from '../database/ChangeStore';
import { DatabaseChangeStore } from '../database/DatabaseChangeStore';
import { applyListFilters } from '../database/listQuery';
import {
  owesRetrospectiveQuery,
  retrospectiveOverdueQuery,
  unverifiedQuery,
} from '../database/overdueQuery';
import { pendingQuery } from '../database/DatabaseReminderStore';
import { changeToRow } from '../database/rows';

jest.setTimeout(120_000);

const NOW = new Date('2026-06-12T10:00:00.000Z');
const DAY = 24 * 3_600_000;
/** The verification clock's deadline after the deploy (config). */
const VERIFY_WITHIN = DAY;
const at = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
/** Each time around a deadline: a millisecond before, exactly, after. */
const AROUND = [-1, 0, 1];

/**
 * Every type in every state, deployed or not, verified or not, with no
 * retrospective due or one due just before, at or just after now, documented
 * or not; deploys fall a millisecond around the verification deadline.
 * Unreachable combinations too: the forms must agree on any row.
 */
function fixtures(): StoredChange[] {
  const changes: StoredChange[] = [];
  for (const type of CHANGE_TYPES) {
    for (const state of CHANGE_STATES) {
      for (const deployed of [false, true]) {
        for (const verified of [false, true]) {
          for (const due of [undefined, ...AROUND]) {
            for (const documented of [false, true]) {
              const i = changes.length;
              const base = completedChange(i, new Date(at(-10 * DAY)));
              const deployedAt = at(-VERIFY_WITHIN + AROUND[i % 3]);
              changes.push({
                ...base,
                type,
                state,
                deployed: deployed
                  ? { by: base.createdBy, at: deployedAt }
                  : undefined,
                verified: verified ? base.verified : undefined,
                postDeploymentVerified: verified ? 'yes' : undefined,
                retrospectiveDueAt: due === undefined ? undefined : at(due),
                retrospective: documented
                  ? {
                      by: base.createdBy,
                      at: at(-DAY),
                      whatChanged: 'a',
                      why: 'b',
                      approvalReceived: 'c',
                      late: false,
                    }
                  : undefined,
              });
            }
          }
        }
      }
    }
  }
  return changes;
}

const ids = (rows: { id: string }[]) => rows.map(r => r.id).sort();
const idsOf = (changes: StoredChange[], keep: (c: StoredChange) => boolean) =>
  ids(changes.filter(keep));

describe('what is owed and overdue, in memory and in SQL', () => {
  const databases = createTestDatabases();
  const changes = fixtures();
  const seeded = new Map<string, Knex>();

  // Seeded once per database, before any test, so that the databases stay
  // open for the suite (createTestDatabases closes those a test opens).
  beforeAll(async () => {
    for (const id of databases.eachSupportedId()) {
      const knex = await databases.init(id[0]);
      await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
      await knex.batchInsert('changes', changes.map(changeToRow) as any, 25);
      seeded.set(id[0], knex);
    }
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    let knex: Knex;
    const select = (where: (q: Knex.QueryBuilder) => void) =>
      knex('changes').select('id').where(where);

    beforeAll(() => {
      knex = seeded.get(databaseId)!;
    });

    it('agree on whether a retrospective is owed, and overdue at exactly its due time', async () => {
      const owed = idsOf(changes, owesRetrospective);
      const overdue = idsOf(changes, c => isRetrospectiveOverdue(c, NOW));
      expect(owed.length).toBeGreaterThan(overdue.length);
      expect(overdue.length).toBeGreaterThan(0);

      expect(ids(await select(owesRetrospectiveQuery))).toEqual(owed);
      expect(ids(await select(q => retrospectiveOverdueQuery(q, NOW)))).toEqual(
        overdue,
      );
      // The overdue tab's filter, and the clock's escalation.
      expect(
        ids(
          await applyListFilters(knex, knex('changes').select('id'), {
            overdueAt: NOW,
          }),
        ),
      ).toEqual(overdue);
      expect(
        ids(
          await pendingQuery(knex, {
            clock: 'retrospective',
            threshold: 'overdue',
            upTo: NOW,
            limit: changes.length,
          }),
        ),
      ).toEqual(overdue);
    });

    it('agree on what is unverified, and on when its clock escalates', async () => {
      const unverified = idsOf(changes, isUnverified);
      expect(unverified.length).toBeGreaterThan(0);
      expect(unverified.length).toBeLessThan(changes.length);
      expect(ids(await select(unverifiedQuery))).toEqual(unverified);

      // Escalated from exactly deploy + VERIFY_WITHIN.
      const escalated = idsOf(
        changes,
        c =>
          isUnverified(c) &&
          !!c.deployed &&
          Date.parse(c.deployed.at) + VERIFY_WITHIN <= NOW.getTime(),
      );
      expect(escalated.length).toBeGreaterThan(0);
      expect(escalated.length).toBeLessThan(unverified.length);
      expect(
        ids(
          await pendingQuery(knex, {
            clock: 'verification',
            threshold: 'overdue',
            upTo: new Date(NOW.getTime() - VERIFY_WITHIN),
            limit: changes.length,
          }),
        ),
      ).toEqual(escalated);
    });

    it('gives the Audit page the same missing retrospectives and unverified deploys', async () => {
      const from = new Date(at(-5 * DAY));
      const to = new Date(at(5 * DAY));
      const inPeriod = (iso?: string) =>
        !!iso && Date.parse(iso) >= +from && Date.parse(iso) < +to;
      const exceptions = await listAuditExceptions(knex, {
        from,
        to,
        now: NOW,
      });
      const ofKind = (kind: string) =>
        exceptions
          .filter(e => e.kind === kind)
          .map(e => e.changeId)
          .sort();

      expect(ofKind('missing-retrospective')).toEqual(
        idsOf(
          changes,
          c => isRetrospectiveOverdue(c, NOW) && inPeriod(c.retrospectiveDueAt),
        ),
      );
      expect(ofKind('not-verified')).toEqual(
        idsOf(changes, c => isUnverified(c) && inPeriod(c.deployed?.at)),
      );
    });
  });
});
