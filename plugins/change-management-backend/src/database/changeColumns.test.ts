import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { completedChange } from '../__testUtils__/bulkChanges';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CHANGE_COLUMN_NAMES, DERIVED_CHANGE_COLUMNS } from './changeColumns';
import { StoredChange } from './ChangeStore';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { changeToRow, rowToChange } from './rows';

jest.setTimeout(60_000);

/** A change with every field set, the optional ones too. */
function everyField(): StoredChange {
  const change = completedChange(1, new Date('2026-03-02T10:00:00.000Z'));
  return {
    ...change,
    type: 'emergency',
    state: 'completed',
    incident: { ref: 'INC-7', severity: 'P1' },
    proposedFix: 'Roll the SDK back',
    retrospectiveDueAt: '2026-03-04T10:00:00.000Z',
    retrospective: {
      by: 'user:default/alice',
      at: '2026-03-03T10:00:00.000Z',
      whatChanged: 'the SDK',
      why: 'refunds failed',
      approvalReceived: 'by phone',
      late: true,
    },
    postDeploymentReview: {
      by: 'user:default/carol',
      at: '2026-03-05T10:00:00.000Z',
      preventable: 'no',
      notes: 'none',
    },
    exceptions: [
      {
        kind: 'self-approval',
        actor: 'user:default/carol',
        at: '2026-03-02T10:20:00.000Z',
        detail: 'alone on call',
      },
    ],
  };
}

/** A draft: no signature, no optional field. */
function fewestFields(): StoredChange {
  const {
    reviewed: _r,
    approved: _a,
    stagingTested: _s,
    signedOff: _o,
    deployed: _d,
    postDeploymentVerified: _p,
    verified: _v,
    issuesEncountered: _i,
    pullRequestUrl: _u,
    ...draft
  } = completedChange(2, new Date('2026-03-02T10:00:00.000Z'));
  return { ...draft, state: 'draft', version: 1 };
}

describe('the column table of changes', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      await DatabaseChangeStore.create({
        database: mockServices.database({ knex }),
      });
    });

    it('names every column of the table, each once', async () => {
      const columns = Object.keys(await knex('changes').columnInfo());
      expect(
        [...CHANGE_COLUMN_NAMES, ...DERIVED_CHANGE_COLUMNS].sort(),
      ).toEqual(columns.sort());
      expect(new Set(CHANGE_COLUMN_NAMES).size).toBe(
        CHANGE_COLUMN_NAMES.length,
      );
    });

    it.each([
      ['every field set', everyField()],
      ['the fewest fields', fewestFields()],
    ])('writes and reads back a change with %s', async (_, change) => {
      const row = changeToRow(change);
      // Every column is written, an absent field as null (an update
      // leaves out a key whose value is undefined).
      expect(Object.keys(row).sort()).toEqual([...CHANGE_COLUMN_NAMES].sort());
      expect(Object.values(row)).not.toContain(undefined);
      await knex('changes').insert(row);
      const stored = await knex('changes').where({ id: change.id }).first();
      const read = rowToChange(stored, [
        {
          entity_ref: 'component:default/payments-service',
          system_ref: 'system:default/payments',
        },
      ]);
      expect(read).toEqual(change);
      // Absent fields are absent, not null or empty.
      const absent = Object.entries(read).filter(([key]) => !(key in change));
      expect(absent.filter(([, value]) => value !== undefined)).toEqual([]);
    });
  });
});
