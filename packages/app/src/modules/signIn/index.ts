import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

const devUserSignInPage = SignInPageBlueprint.make({
  params: {
    loader: async () =>
      import('./DevUserSignInPage').then(m => m.DevUserSignInPage),
  },
});

/** Replaces the default guest sign-in with the development user picker. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [devUserSignInPage],
});
