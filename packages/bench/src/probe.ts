import fs from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { parseAllDocuments } from 'yaml';
import {
  AffectedEntity,
  drafts,
} from '@trove/backstage-plugin-change-management-backend/testUtils';
import { Backend, root } from './backend';

/** The sample catalog's entities a change may affect, as refs. */
function sampleRefs(): string[] {
  const file = path.join(root, 'examples/entities.yaml');
  return parseAllDocuments(fs.readFileSync(file, 'utf8'))
    .map(doc => doc.toJS())
    .filter(e => ['Component', 'Resource', 'API', 'System'].includes(e?.kind))
    .map(e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`);
}

/**
 * Raises one draft per sample entity through the API, as alice, and reads
 * back what the store recorded for it (its System and owner, from the
 * catalog): the seeded changes then affect entities exactly as the server
 * resolves them.
 */
export async function probeEntities(
  backend: Backend,
  pool: Pool,
  token: string,
): Promise<AffectedEntity[]> {
  const ids: string[] = [];
  for (const ref of sampleRefs()) {
    const res = await fetch(
      `${backend.baseUrl}/api/change-management/changes`,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ ...drafts.standard, affectedEntityRefs: [ref] }),
      },
    );
    if (res.status !== 201) {
      throw new Error(
        `raising a change on ${ref}: ${res.status} ${await res.text()}`,
      );
    }
    ids.push((await res.json()).id);
  }
  const { rows } = await pool.query(
    'SELECT entity_ref, system_ref, owner_ref FROM change_entities WHERE change_id = ANY($1)',
    [ids],
  );
  return rows.map(r => ({
    entityRef: r.entity_ref,
    systemRef: r.system_ref ?? undefined,
    ownerRef: r.owner_ref ?? undefined,
  }));
}
