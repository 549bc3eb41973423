import {
  AUDIT_PAGE_PATH,
  changePagePath,
  CHANGE_SUBPATH,
  PORTAL_PATH,
} from './portalPaths';

describe('portal paths', () => {
  it("links a change's page under the portal, its id escaped", () => {
    expect(changePagePath('c1')).toBe('/change-management/changes/c1');
    expect(changePagePath('a/b?c')).toBe(
      '/change-management/changes/a%2Fb%3Fc',
    );
  });

  it('builds the links from the paths the frontend mounts', () => {
    expect(changePagePath('c1')).toBe(
      `${PORTAL_PATH}${CHANGE_SUBPATH.replace(':id', 'c1')}`,
    );
    expect(AUDIT_PAGE_PATH).toBe('/change-management/audit');
  });
});
