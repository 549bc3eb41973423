import {
  ChangeDocument,
  ChangeList,
  changePagePath,
  changeParties,
  STATE_LABELS,
  TYPE_LABELS,
} from '@trove/backstage-plugin-change-management-common';

/** A change as the list answers it. */
export type ListedChange = ChangeList['items'][number];

/** A ref's name as the catalog shows it, e.g. "Alice Example". */
export type NameOf = (ref: string) => string;

/** The refs a document names, to look their names up a page at a time. */
export function refsOfChange(change: ListedChange): string[] {
  return [
    ...change.affectedEntityRefs,
    ...change.affectedSystemRefs,
    ...peopleOf(change),
  ];
}

/** The change as one search document. */
export function toChangeDocument(
  change: ListedChange,
  nameOf: NameOf,
  shortNameOf: NameOf,
): ChangeDocument {
  // Both the name people type ("payments-service", "alice") and the name
  // the catalog shows ("Payments Service", "Alice Example").
  const namesOf = (refs: string[]) =>
    [...new Set(refs.flatMap(ref => [shortNameOf(ref), nameOf(ref)]))].join(
      ', ',
    );
  return {
    title: change.title,
    text: change.description,
    location: changePagePath(change.id),
    changeType: TYPE_LABELS[change.type],
    state: STATE_LABELS[change.state],
    entities: namesOf([
      ...change.affectedEntityRefs,
      ...change.affectedSystemRefs,
    ]),
    people: namesOf(peopleOf(change)),
    authorization: { resourceRef: change.id },
  };
}

/** The author and the signers: the parties, without owners or the CTO role. */
function peopleOf(change: ListedChange): string[] {
  return changeParties(change, { ownerRefs: [], ctoRefs: [] });
}
