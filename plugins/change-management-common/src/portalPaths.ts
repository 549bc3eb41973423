/**
 * Where the portal's pages live, relative to the app's base URL. The
 * frontend mounts its routes on these paths, and the backend links its
 * notices to them, so a notice always opens the page it names.
 */

/** The portal page (`/change-management`), the frontend's default mount. @public */
export const PORTAL_PATH = '/change-management';

/** A change's page, under the portal page. @public */
export const CHANGE_SUBPATH = '/changes/:id';

/** The Audit page, under the portal page. @public */
export const AUDIT_SUBPATH = '/audit';

/** The page of one change, e.g. `/change-management/changes/<id>`. @public */
export function changePagePath(id: string): string {
  return `${PORTAL_PATH}${CHANGE_SUBPATH.replace(
    ':id',
    encodeURIComponent(id),
  )}`;
}

/** The Audit page, `/change-management/audit`. @public */
export const AUDIT_PAGE_PATH = `${PORTAL_PATH}${AUDIT_SUBPATH}`;
