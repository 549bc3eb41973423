// Display names are shared with the backend modules (search indexes people
// and entities by name), so they live in the -node library.
export { DisplayNames } from '@trove/backstage-plugin-change-management-node';

/** The steps of a change whose signer a change log row names. */
const SIGNED_STEPS = [
  'reviewed',
  'approved',
  'signedOff',
  'deployed',
  'verified',
  'retrospective',
] as const;

/**
 * Every user and entity ref that these changes' log rows name, once each.
 * An export's inner loop: it walks the refs without building lists.
 */
export function refsOf(
  changes: readonly ({
    createdBy: string;
    affectedEntityRefs: string[];
    affectedSystemRefs: string[];
  } & { [S in (typeof SIGNED_STEPS)[number]]?: { by: string } })[],
): Set<string> {
  const refs = new Set<string>();
  for (const change of changes) {
    refs.add(change.createdBy);
    for (const ref of change.affectedSystemRefs) refs.add(ref);
    for (const ref of change.affectedEntityRefs) refs.add(ref);
    for (const step of SIGNED_STEPS) {
      const signed = change[step];
      if (signed) refs.add(signed.by);
    }
  }
  return refs;
}
