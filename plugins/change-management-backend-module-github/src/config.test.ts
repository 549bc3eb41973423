import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { githubActor } from './config';

const integrations = (github: object[]) =>
  ScmIntegrations.fromConfig(new ConfigReader({ integrations: { github } }));

const app = (appId: number, allowedInstallationOwners?: string[]) => ({
  appId,
  clientId: 'Iv1.test',
  clientSecret: 'secret',
  webhookSecret: 'secret',
  privateKey: 'key',
  ...(allowedInstallationOwners && { allowedInstallationOwners }),
});

const gated = { host: 'github.com', repository: 'Acme/payments-service' };

describe('githubActor', () => {
  it('names the GitHub App the integration reads with', () => {
    expect(
      githubActor(
        integrations([{ host: 'github.com', apps: [app(123456)] }]),
        gated,
      ),
    ).toBe('github-app:123456');
  });

  it("of several Apps, names the one allowed for the repository's owner", () => {
    const apps = [app(1, ['other']), app(2, ['acme']), app(3)];
    expect(
      githubActor(integrations([{ host: 'github.com', apps }]), gated),
    ).toBe('github-app:2');
    expect(
      githubActor(integrations([{ host: 'github.com', apps }]), {
        ...gated,
        repository: 'someone/else',
      }),
    ).toBe('github-app:3');
  });

  it('names the host where the integration has a token, not an App', () => {
    expect(
      githubActor(
        integrations([{ host: 'github.com', token: 'ghs_test_token' }]),
        gated,
      ),
    ).toBe('github:github.com');
  });
});
