module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // The bench must write exactly the rows the store writes and ask the
    // queries it asks, so it imports the backend's own row mapping, event
    // hashing, list query and sample drafts instead of copying them. It runs
    // from source in this repository (__dirname is the source folder) and is
    // never published.
    '@backstage/no-forbidden-package-imports': 'off',
    'no-restricted-imports': 'off',
    'no-restricted-syntax': 'off',
  },
});
