import { act } from '@testing-library/react';
import { SignalApi } from '@backstage/plugin-signals-react';

type Listener = Parameters<SignalApi['subscribe']>[1];

/**
 * The signals plugin's API as the app provides it, with a hand to deliver a
 * message on a channel as the signals backend would.
 */
export function fakeSignals() {
  const listeners = new Map<string, Set<Listener>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const subscribed = listeners.get(channel) ?? new Set<Listener>();
      subscribed.add(onMessage as Listener);
      listeners.set(channel, subscribed);
      return { unsubscribe: () => subscribed.delete(onMessage as Listener) };
    },
  };
  const send = (channel: string, message: { changeId: string }) =>
    act(() => listeners.get(channel)?.forEach(listener => listener(message)));
  return { api, send };
}
