/**
 * PostgreSQL: adds changes to change_deploy_days as the triggers of its
 * migration (20261229000000_deploy_days.js) would have, each change once
 * per key, for writers that skip the triggers (replica mode) to load many
 * rows at once: `chosen(column)` is the condition on a change's id that
 * picks the changes, and must not pick one counted already.
 */
export function countDeploysStatement(
  chosen: (idColumn: string) => string,
): string {
  return `
  INSERT INTO change_deploy_days (scope_key, day, type, deployed)
  SELECT k.scope, to_char(c.deployed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
         c.type, COUNT(*)
    FROM changes c
    JOIN (SELECT id AS change_id, '*' AS scope FROM changes
           WHERE ${chosen('id')}
          UNION SELECT change_id, entity_ref FROM change_entities
           WHERE ${chosen('change_id')} AND entity_ref NOT LIKE 'system:%'
          UNION SELECT change_id, system_ref FROM change_entities
           WHERE ${chosen('change_id')} AND system_ref IS NOT NULL) k
      ON k.change_id = c.id
   WHERE c.deployed_at IS NOT NULL
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT (scope_key, day, type)
  DO UPDATE SET deployed = change_deploy_days.deployed + excluded.deployed`;
}
