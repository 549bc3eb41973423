import { Knex } from 'knex';
import {
  CalendarDay,
  CHANGE_TYPES,
  ChangeType,
} from '@trove/backstage-plugin-change-management-common';
import { CalendarQuery } from './calendarQuery';
import { applyListFilters } from './listQuery';

const DAY_MS = 86_400_000;

/** The UTC day of an SQL time, yyyy-mm-dd, as the migration keeps it. */
function dayOf(db: Knex, time: string) {
  return db.client.config.client === 'pg'
    ? `to_char(${time} AT TIME ZONE 'UTC', 'YYYY-MM-DD')`
    : `date(${time} / 1000, 'unixepoch')`;
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

type DayRow = { day: string; type: ChangeType; deployed: number | string };

/** Deploys in the ranges, counted from the changes per UTC day and type. */
function countedFromChanges(
  db: Knex,
  query: CalendarQuery,
  ranges: [Date, Date][],
) {
  const day = dayOf(db, 'changes.deployed_at');
  return applyListFilters(db, db('changes'), query)
    .where(any => {
      for (const [from, to] of ranges) {
        any.orWhere(range =>
          range
            .where('changes.deployed_at', '>=', from)
            .where('changes.deployed_at', '<', to),
        );
      }
    })
    .groupByRaw(`${day}, changes.type`)
    .select(
      db.raw(`${day} AS day`),
      'changes.type',
      db.raw('COUNT(*) AS deployed'),
    );
}

/** Whole UTC days [first, end) read from change_deploy_days. */
function countedFromRollup(
  db: Knex,
  query: CalendarQuery,
  first: number,
  end: number,
) {
  const q = db('change_deploy_days')
    .where('scope_key', query.entityRef ?? '*')
    .where('day', '>=', isoDay(first))
    .where('day', '<', isoDay(end))
    .where('deployed', '>', 0)
    .select('day', 'type', 'deployed');
  if (query.type) q.where('type', query.type);
  return q;
}

/**
 * The changes deployed to production in [from, to), counted per UTC day
 * and type, soonest first; days with none are left out. The whole days of
 * the period come from change_deploy_days (kept by the triggers of its
 * migration), the part-days at its ends from the changes, in one
 * statement. The counts are kept for every change, so a reader whom the
 * permission policy lets read only some changes has them all counted from
 * the changes.
 */
export async function calendarDaysQuery(
  db: Knex,
  query: CalendarQuery,
): Promise<CalendarDay[]> {
  const { from, to } = query;
  const first = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const end = Math.floor(to.getTime() / DAY_MS) * DAY_MS;
  let rows: DayRow[];
  if (query.permissionFilter || first >= end) {
    rows = await countedFromChanges(db, query, [[from, to]]);
  } else {
    const ends: [Date, Date][] = [
      [from, new Date(first)],
      [new Date(end), to],
    ];
    const partDays = ends.filter(([a, b]) => a < b);
    const rollup = countedFromRollup(db, query, first, end);
    rows = await (partDays.length
      ? rollup.unionAll(countedFromChanges(db, query, partDays))
      : rollup);
  }
  const days = new Map<string, CalendarDay>();
  for (const row of rows) {
    const day =
      days.get(row.day) ??
      days
        .set(row.day, {
          day: row.day,
          deployed: Object.fromEntries(
            CHANGE_TYPES.map(type => [type, 0]),
          ) as CalendarDay['deployed'],
        })
        .get(row.day)!;
    day.deployed[row.type] += Number(row.deployed);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}
