/**
 * A repository as GitHub answers it, in the shape of
 * https://docs.github.com/en/rest/repos/repos#get-a-repository, trimmed to
 * the fields that identify it.
 */
export function repository(fullName: string) {
  const [owner, name] = fullName.split('/');
  return {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name,
    full_name: fullName,
    owner: { login: owner, id: 2, type: 'Organization', site_admin: false },
    private: true,
    html_url: `https://github.com/${fullName}`,
    description: 'Captures payments and issues refunds through the PSP.',
    fork: false,
    url: `https://api.github.com/repos/${fullName}`,
    default_branch: 'main',
    visibility: 'private',
    created_at: '2024-01-26T19:01:12Z',
    updated_at: '2026-06-09T16:00:00Z',
    pushed_at: '2026-06-09T16:00:00Z',
  };
}
