import { useState } from 'react';
import {
  Content,
  Header,
  InfoCard,
  Page,
  ProxiedSignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

const STORAGE_KEY = 'dev-sign-in/user';

type DevUser = { name: string; description?: string };

/**
 * Wraps the proxied session so that signing out also forgets the picked
 * user; otherwise the next page load would sign the same user in again.
 */
function forgetUserOnSignOut(identityApi: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identityApi.getProfileInfo(),
    getBackstageIdentity: () => identityApi.getBackstageIdentity(),
    getCredentials: () => identityApi.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identityApi.signOut();
    },
  };
}

/**
 * The development sign-in page: pick any sample user, then sign in through
 * the backend's `dev` proxy provider with the `X-Dev-User` header.
 */
export const DevUserSignInPage = (props: SignInPageProps) => {
  const config = useApi(configApiRef);
  const users: DevUser[] =
    config.getOptionalConfigArray('app.devSignIn.users')?.map(c => ({
      name: c.getString('name'),
      description: c.getOptionalString('description'),
    })) ?? [];
  const [user, setUser] = useState(() =>
    window.localStorage.getItem(STORAGE_KEY),
  );

  if (user) {
    return (
      <ProxiedSignInPage
        provider="dev"
        headers={{ 'X-Dev-User': user }}
        onSignInSuccess={identityApi =>
          props.onSignInSuccess(forgetUserOnSignOut(identityApi))
        }
      />
    );
  }

  const pick = (name: string) => {
    window.localStorage.setItem(STORAGE_KEY, name);
    setUser(name);
  };

  return (
    <Page themeId="home">
      <Header title="Sign in" subtitle="Development sign-in" />
      <Content>
        <InfoCard title="Choose a sample user">
          {users.length === 0 ? (
            <Typography>
              No users are configured under app.devSignIn.users.
            </Typography>
          ) : (
            <List aria-label="Sample users">
              {users.map(u => (
                <ListItem button key={u.name} onClick={() => pick(u.name)}>
                  <ListItemText primary={u.name} secondary={u.description} />
                </ListItem>
              ))}
            </List>
          )}
        </InfoCard>
      </Content>
    </Page>
  );
};
