import { BackendFeature } from '@backstage/backend-plugin-api';
import { dirname, join } from 'node:path';

/**
 * The two modules of `@backstage/plugin-events-backend-module-github`: the
 * signed webhook ingress (`POST /api/events/http/github`) and the router to
 * `github.<event>` topics. The package's default export loads them with a
 * dynamic `import()`, which Jest's CommonJS runtime cannot run; the test
 * requires the same two files of the installed package instead.
 */
export function githubEventsModules(): BackendFeature[] {
  const dist = join(
    dirname(
      require.resolve(
        '@backstage/plugin-events-backend-module-github/package.json',
      ),
    ),
    'dist',
    'service',
  );
  return [
    'eventsModuleGithubWebhook.cjs.js',
    'eventsModuleGithubEventRouter.cjs.js',
  ].map(file => require(join(dist, file)).default);
}
