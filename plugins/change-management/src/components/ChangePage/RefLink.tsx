import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to a catalog entity, showing the full ref: the record is read by
 * auditors, who need the exact user or entity, not a display name.
 */
export const RefLink = ({ entityRef }: { entityRef: string }) => {
  try {
    parseEntityRef(entityRef);
  } catch {
    return <>{entityRef}</>;
  }
  return <EntityRefLink entityRef={entityRef}>{entityRef}</EntityRefLink>;
};
