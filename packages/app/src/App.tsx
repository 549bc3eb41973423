import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import searchPlugin from '@backstage/plugin-search/alpha';
import changeManagementPlugin from '@trove/backstage-plugin-change-management/alpha';
import { navModule } from './modules/nav';
import { notificationsModule } from './modules/notifications';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    // its API draws the risk graph on the change page (issue 24)
    catalogGraphPlugin,
    changeManagementPlugin,
    navModule,
    notificationsModule,
    scaffolderPlugin,
    // the search page: the catalog's entities, and the changes with the
    // change-management plugin's result item
    searchPlugin,
    signInModule,
  ],
});
