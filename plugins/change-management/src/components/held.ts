import {
  RefusalWindow,
  reopensOn,
  UNTIL_FIXED,
} from '@trove/backstage-plugin-change-management-common';

/**
 * What holds a deploy back, for a chip or a group: "Held by the freeze
 * until 2027-01-01". The window is the server's (its freeze calendar, or
 * a blackout), never worked out from today's date.
 */
export function heldLabel(window: RefusalWindow): string {
  if (window.end === UNTIL_FIXED) {
    return 'Held by a blackout until its annotation is fixed';
  }
  const what = window.entityRef ? 'a blackout' : 'the freeze';
  return `Held by ${what} until ${reopensOn(window, window.timeZone)}`;
}
