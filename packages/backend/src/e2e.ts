/**
 * The browser tests' backend: the app's backend plus a clock that anyone can
 * set over HTTP (modules/e2eClock) and a fake GitHub API for the pull
 * request evidence (modules/e2eGithub). playwright.config.ts starts it with
 * `yarn workspace backend start:e2e`; nothing else may, and the production
 * build (src/index.ts) never includes it.
 */
import { createAppBackend } from './backend';
import { e2eClockFeatures } from './modules/e2eClock';
import { e2eGithubFeatures } from './modules/e2eGithub';

if (process.env.NODE_ENV === 'production') {
  throw new Error(
    'packages/backend/src/e2e.ts is the backend of the browser tests: it ' +
      'serves an unauthenticated route that sets the change-management ' +
      'clock. It refuses to start with NODE_ENV=production; run the ' +
      'production entry, packages/backend (src/index.ts), instead.',
  );
}
// As `backstage-cli package start` does for src/index.ts.
process.env.NODE_ENV ??= 'development';

const backend = createAppBackend();
e2eClockFeatures.forEach(feature => backend.add(feature));
e2eGithubFeatures.forEach(feature => backend.add(feature));
backend.start();
