import { Knex } from 'knex';

/** A `change_entities` row as the readers of a change take it. */
export interface EntityRow {
  entity_ref: string;
  system_ref: string | null;
  owner_ref: string | null;
}

/**
 * Each change's affected entities as a column of the change's own query:
 * one JSON array of `[entity_ref, system_ref, owner_ref]` triples, looked
 * up by the change_entities key. A change, or a page of them, is then one
 * round trip instead of two.
 */
export function entitiesColumn(db: Knex): Knex.Raw {
  const [agg, triple] =
    db.client.config.client === 'pg'
      ? ['json_agg', 'json_build_array']
      : ['json_group_array', 'json_array'];
  return db.raw(
    `(select ${agg}(${triple}(e.entity_ref, e.system_ref, e.owner_ref)) from change_entities e where e.change_id = changes.id) as affected_entities`,
  );
}

/** A row read with {@link entitiesColumn}. */
export type WithEntities = { affected_entities: unknown };

/** One change with its entities, as the store reads a change by id. */
export function changeByIdQuery(db: Knex, id: string): Knex.QueryBuilder {
  return db('changes')
    .select('changes.*', entitiesColumn(db))
    .where({ id })
    .first();
}

/**
 * The entities of a row read with {@link entitiesColumn}. The pg driver
 * parses JSON itself (and aggregates no rows to null); SQLite hands back
 * the text.
 */
export function entityRowsOf(row: WithEntities): EntityRow[] {
  const value = row.affected_entities;
  const triples = (
    typeof value === 'string' ? JSON.parse(value) : value ?? []
  ) as [string, string | null, string | null][];
  return triples.map(([entity_ref, system_ref, owner_ref]) => ({
    entity_ref,
    system_ref,
    owner_ref,
  }));
}
