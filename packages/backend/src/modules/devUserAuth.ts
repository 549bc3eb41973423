import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';

/** The header that names the sample user to sign in as. */
export const DEV_USER_HEADER = 'x-dev-user';

type DevUserResult = { userName: string };

const devUserAuthenticator = createProxyAuthenticator<
  { enabled: boolean },
  DevUserResult,
  undefined
>({
  defaultProfileTransform: async result => ({
    profile: { displayName: result.userName },
  }),
  initialize({ config }) {
    // Like the guest provider: a development convenience that refuses to run
    // in production unless someone explicitly and dangerously asks for it.
    const enabled =
      process.env.NODE_ENV !== 'production' ||
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return { enabled };
  },
  async authenticate({ req }, { enabled }) {
    if (!enabled) {
      throw new NotAllowedError(
        'The dev auth provider is disabled outside development',
      );
    }
    const userName = req.header(DEV_USER_HEADER)?.trim();
    if (!userName) {
      throw new AuthenticationError(
        `Missing the ${DEV_USER_HEADER} header naming the user to sign in as`,
      );
    }
    return { result: { userName } };
  },
});

/**
 * Development sign-in as any catalog user, by name, through the `dev`
 * provider: `GET /api/auth/dev/refresh` with `X-Dev-User: <name>`.
 *
 * The provider only exists when `auth.providers.dev` is configured and
 * `auth.environment` is `development` (Backstage's default). The production
 * config sets `auth.environment: production`, which switches it off even
 * though it is layered on top of the development config.
 */
export const devUserAuthModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'dev-user-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        providers: authProvidersExtensionPoint,
      },
      async init({ config, logger, providers }) {
        const environment =
          config.getOptionalString('auth.environment') ?? 'development';
        if (environment !== 'development') {
          logger.info(
            `Dev user sign-in is off: auth.environment is '${environment}'`,
          );
          return;
        }
        providers.registerProvider({
          providerId: 'dev',
          factory: createProxyAuthProviderFactory({
            authenticator: devUserAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: { name: result.userName },
              });
            },
          }),
        });
      },
    });
  },
});
