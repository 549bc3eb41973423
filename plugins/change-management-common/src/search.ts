import { IndexableDocument } from '@backstage/plugin-search-common';

/** The document type of changes in Backstage search. @public */
export const CHANGE_SEARCH_TYPE = 'change-management';

/**
 * A change in the search index, as the search module writes it and the
 * frontend's result item reads it. `title`, `text` (the description) and
 * `location` (the change page) are what every search result shows; the
 * rest are searched as words. `authorization.resourceRef` is the change id,
 * so that the search backend shows a result only to whoever may read it.
 * No field of its own holds the id: an engine such as Lunr indexes every
 * field, and an id's parts are terms that only grow the index.
 *
 * @public
 */
export interface ChangeDocument extends IndexableDocument {
  /** The SOP category in words, e.g. "Emergency". */
  changeType: string;
  /** The state in words, e.g. "Awaiting approval". */
  state: string;
  /**
   * The affected entities and their systems, names and display names,
   * separated by commas: one text, so every engine (Lunr too) reads words.
   */
  entities: string;
  /** The author and whoever signed a step, as `entities`. */
  people: string;
  authorization: { resourceRef: string };
}
