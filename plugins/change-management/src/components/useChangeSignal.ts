import { useSignal } from '@backstage/plugin-signals-react';
import {
  CHANGE_SIGNAL_CHANNEL,
  ChangeSignal,
} from '@trove/backstage-plugin-change-management-common';

/**
 * The latest signal that someone raised or acted on a change, as the backend
 * sends it to the change's parties: a new object each time, to fetch again
 * on, through the API and its permission checks. It holds the change's id
 * and nothing else. Null until one comes, and always without the signals
 * plugin in the app.
 */
export function useChangeSignal(): ChangeSignal | null {
  return useSignal<ChangeSignal>(CHANGE_SIGNAL_CHANNEL).lastSignal;
}
