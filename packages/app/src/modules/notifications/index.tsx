import {
  coreExtensionData,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import { PhoneFriendlyPage } from './PhoneFriendlyPage';

/**
 * Backstage's notifications page, usable on a phone: its own page, in a
 * wrapper that stacks its filters above its table below 600 px.
 */
const notificationsPage = notificationsPlugin
  .getExtension('page:notifications')
  .override({
    *factory(originalFactory) {
      for (const output of originalFactory()) {
        yield output.id === coreExtensionData.reactElement.id
          ? coreExtensionData.reactElement(
              <PhoneFriendlyPage>
                {output.value as JSX.Element}
              </PhoneFriendlyPage>,
            )
          : output;
      }
    },
  });

export const notificationsModule = createFrontendModule({
  pluginId: 'notifications',
  extensions: [notificationsPage],
});
