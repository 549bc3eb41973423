import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { installTestMeter } from '../__testUtils__/metricReader';
import { FreezeError } from '../errors';
import { ChangeManagementMetrics } from './ChangeManagementMetrics';

/** Every result of a verification has its series from the start, at 0. */
const NO_VERIFICATION = {
  'change_management.verification.runs': {
    'result=ok': 0,
    'result=failed': 0,
    'result=error': 0,
  },
};

describe('ChangeManagementMetrics', () => {
  let meter: ReturnType<typeof installTestMeter>;
  beforeEach(() => {
    meter = installTestMeter();
  });
  afterEach(async () => {
    await meter.uninstall();
  });

  it('counts a 4xx as a refusal by its name, and nothing else', async () => {
    const metrics = ChangeManagementMetrics.create();
    for (const error of [
      new InputError('bad field'),
      new NotAllowedError('not yours'),
      new NotFoundError('no such change'),
      new ConflictError('taken'),
      new FreezeError('frozen', {} as any),
      new FreezeError('frozen again', {} as any),
      // a failure of the plugin, a database down: a 500, not a refusal
      new Error('connection reset'),
      Object.assign(new Error('unavailable'), { statusCode: 503 }),
      'not an error',
    ]) {
      metrics.recordRefusal(error);
    }
    expect(await meter.scrape()).toEqual({
      ...NO_VERIFICATION,
      'change_management.refusals': {
        'error.type=InputError': 1,
        'error.type=NotAllowedError': 1,
        'error.type=NotFoundError': 1,
        'error.type=ConflictError': 1,
        'error.type=FreezeError': 2,
      },
    });
  });

  it('times a verification that throws as an error, and throws it on', async () => {
    const metrics = ChangeManagementMetrics.create();
    await expect(
      metrics.timeVerification(async () => {
        throw new Error('connection reset');
      }),
    ).rejects.toThrow('connection reset');
    expect(await meter.scrape()).toEqual({
      'change_management.verification.runs': {
        'result=ok': 0,
        'result=failed': 0,
        'result=error': 1,
      },
      'change_management.verification.duration': { 'result=error': 1 },
    });
  });

  it('reads the outbox at each collection until stopped, and counts its deliveries', async () => {
    const metrics = ChangeManagementMetrics.create();
    let depth = 3;
    const stop = metrics.observeOutbox({
      depth: async () => depth,
      oldestAgeSeconds: async () => (depth ? 75 : 0),
    });
    metrics.recordOutboxSend('notification');
    metrics.recordOutboxSend('notification');
    metrics.recordOutboxFailure('notification');
    metrics.recordOutboxDead('notification');
    const counted = {
      ...NO_VERIFICATION,
      'change_management.outbox.sends': { 'kind=notification': 2 },
      'change_management.outbox.failures': { 'kind=notification': 1 },
      'change_management.outbox.dead': { 'kind=notification': 1 },
    };
    expect(await meter.scrape()).toEqual({
      'change_management.outbox.depth': { '': 3 },
      'change_management.outbox.oldest_age': { '': 75 },
      ...counted,
    });

    depth = 0;
    expect(await meter.scrape()).toMatchObject({
      'change_management.outbox.depth': { '': 0 },
      'change_management.outbox.oldest_age': { '': 0 },
    });

    // Stopped, it reads no more: the gauges keep their last values.
    stop();
    depth = 5;
    expect(await meter.scrape()).toEqual({
      'change_management.outbox.depth': { '': 0 },
      'change_management.outbox.oldest_age': { '': 0 },
      ...counted,
    });
  });
});
