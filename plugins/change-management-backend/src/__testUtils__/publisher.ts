import { mockServices } from '@backstage/backend-test-utils';
import { DefaultSignalsService } from '@backstage/plugin-signals-node';
import { ChangePublisher } from '../service/ChangePublisher';

/** A publisher whose events and signals no one hears: for the other kinds. */
export function quietPublisher() {
  const events = mockServices.events();
  return new ChangePublisher(events, DefaultSignalsService.create({ events }));
}
