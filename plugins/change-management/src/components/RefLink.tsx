import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * A link to a catalog entity under its name from the catalog ("Alice
 * Adams"); its tooltip keeps the exact ref for auditors. Text that is not
 * an entity ref (a service principal) is shown as it is.
 */
export const RefLink = ({ entityRef }: { entityRef: string }) => {
  try {
    parseEntityRef(entityRef);
  } catch {
    return <>{entityRef}</>;
  }
  return <EntityRefLink entityRef={entityRef} hideIcon />;
};
