import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import changeManagementPlugin from '@trove/backstage-plugin-change-management/alpha';
import { navModule } from './modules/nav';
import { notificationsModule } from './modules/notifications';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    changeManagementPlugin,
    navModule,
    notificationsModule,
    scaffolderPlugin,
    signInModule,
  ],
});
