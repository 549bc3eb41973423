import { generateKeyPairSync } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readChangeManagementConfig } from './config';

const reminders = (value?: JsonValue) =>
  readChangeManagementConfig(
    new ConfigReader({ changeManagement: { reminders: value } }),
  ).reminders;

describe('changeManagement.reminders', () => {
  it('defaults to every 5 minutes from a minute after start-up, 12 h ahead, verification due in 24 h', () => {
    expect(reminders()).toEqual({
      frequency: { minutes: 5 },
      initialDelay: { minutes: 1 },
      remindBeforeMs: 12 * 3_600_000,
      verificationDueAfterMs: 24 * 3_600_000,
    });
  });

  it('reads durations as strings, ISO durations or objects', () => {
    expect(
      reminders({
        frequency: '15m',
        initialDelay: '5s',
        remindBefore: 'PT6H',
        verificationDueAfter: { days: 2 },
      }),
    ).toEqual({
      frequency: { minutes: 15 },
      initialDelay: { seconds: 5 },
      remindBeforeMs: 6 * 3_600_000,
      verificationDueAfterMs: 48 * 3_600_000,
    });
  });

  it.each<[JsonValue]>([['soon'], [{ hours: 0 }], [12]])(
    'refuses %p, naming the key',
    value => {
      expect(() => reminders({ remindBefore: value })).toThrow(
        /changeManagement\.reminders\.remindBefore/,
      );
    },
  );
});

describe('changeManagement.permissions.readDecisionTtl', () => {
  const ttl = (value?: unknown) =>
    readChangeManagementConfig(
      new ConfigReader({
        changeManagement:
          value === undefined
            ? {}
            : { permissions: { readDecisionTtl: value } },
      }),
    ).readDecisionTtlMs;

  it('defaults to 5 seconds, and reads durations up to a minute', () => {
    expect(ttl()).toBe(5000);
    expect(ttl('2s')).toBe(2000);
    expect(ttl({ seconds: 30 })).toBe(30_000);
    expect(ttl('0s')).toBe(0);
  });

  it('refuses more than a minute, or what is not a duration', () => {
    expect(() => ttl('2m')).toThrow(
      /Invalid changeManagement.permissions.readDecisionTtl/,
    );
    expect(() => ttl('soon')).toThrow(/such as '5s'/);
  });
});

describe('changeManagement.audit.expectedHead', () => {
  const expectedHead = (value?: JsonValue) =>
    readChangeManagementConfig(
      new ConfigReader({
        changeManagement:
          value === undefined ? {} : { audit: { expectedHead: value } },
      }),
    ).audit.expectedHead;
  const hash = 'ab'.repeat(32);

  it('is read as an event id and its hash, when set', () => {
    expect(expectedHead()).toBeUndefined();
    expect(expectedHead({ eventId: 'e1', hash })).toEqual({
      eventId: 'e1',
      hash,
    });
  });

  it.each<[JsonValue]>([[{ eventId: 'e1', hash: 'abc' }], [{ hash }]])(
    'refuses %p',
    value => {
      expect(() => expectedHead(value)).toThrow(/audit\.expectedHead/);
    },
  );
});

describe('changeManagement.audit.signingKey', () => {
  const read = (signingKey: string) =>
    readChangeManagementConfig(
      new ConfigReader({ changeManagement: { audit: { signingKey } } }),
    ).audit.signingKey;
  const encoding = {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  } as const;
  const pem = (type: 'ed25519' | 'rsa') =>
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048, ...encoding })
          .privateKey
      : generateKeyPairSync('ed25519', encoding).privateKey;

  it('reads an Ed25519 private key in PEM', () => {
    expect(read(pem('ed25519'))?.asymmetricKeyType).toBe('ed25519');
  });

  it.each([
    ['not a key', /Invalid changeManagement\.audit\.signingKey: .*Ed25519/],
    ['rsa', /it is a rsa key; use an Ed25519 private key/],
  ])('refuses %s, naming the key', (what, message) => {
    expect(() => read(what === 'rsa' ? pem('rsa') : what)).toThrow(message);
  });

  it('is unset by default, and then nothing is signed', () => {
    expect(
      readChangeManagementConfig(new ConfigReader({})).audit.signingKey,
    ).toBeUndefined();
  });
});

describe('app.baseUrl', () => {
  it('comes before the paths of published links, without a trailing slash', () => {
    const read = (data: object) =>
      readChangeManagementConfig(new ConfigReader(data)).appBaseUrl;
    expect(read({ app: { baseUrl: 'https://backstage.example.com/' } })).toBe(
      'https://backstage.example.com',
    );
    expect(read({})).toBe('');
  });
});

describe('changeManagement.outbox', () => {
  const outbox = (value?: JsonValue) =>
    readChangeManagementConfig(
      new ConfigReader({ changeManagement: { outbox: value } }),
    ).outbox;

  it('defaults to 10 attempts, no delay, and delivered rows kept 7 days', () => {
    expect(outbox()).toEqual({
      maxAttempts: 10,
      deliveryDelayMs: 0,
      retentionMs: 7 * 24 * 3_600_000,
    });
  });

  it('reads the retention as a duration', () => {
    expect(outbox({ retention: '2d' }).retentionMs).toBe(48 * 3_600_000);
    expect(outbox({ retention: { hours: 1 } }).retentionMs).toBe(3_600_000);
  });
});

const workingHours = (value?: JsonValue) =>
  readChangeManagementConfig(
    new ConfigReader({ changeManagement: { workingHours: value } }),
  ).workingHours;

describe('changeManagement.workingHours', () => {
  it('is unset by default, so no planned window is outside it', () => {
    expect(workingHours()).toBeUndefined();
  });

  it('fills what is left out: UTC, Monday to Friday, 09:00 to 17:00', () => {
    expect(workingHours({ timeZone: 'Europe/London' })).toEqual({
      timeZone: 'Europe/London',
      days: [1, 2, 3, 4, 5],
      start: '09:00',
      end: '17:00',
    });
    expect(
      workingHours({ days: [1, 7], start: '07:30', end: '19:00' }),
    ).toEqual({ timeZone: 'UTC', days: [1, 7], start: '07:30', end: '19:00' });
  });

  it.each<[JsonValue, RegExp]>([
    [{ timeZone: 'Mars/Base' }, /IANA/],
    [{ days: [0, 1] }, /weekdays/],
    [{ start: '9am' }, /HH:mm/],
    [{ start: '18:00', end: '08:00' }, /the end after the start/],
  ])('refuses %p, naming the key', (value, message) => {
    expect(() => workingHours(value)).toThrow(
      /^Invalid changeManagement.workingHours config/,
    );
    expect(() => workingHours(value)).toThrow(message);
  });
});

describe('changeManagement.metrics.scoreWeights', () => {
  const weights = (value?: JsonValue) =>
    readChangeManagementConfig(
      new ConfigReader({
        changeManagement: { metrics: { scoreWeights: value } },
      }),
    ).scoreWeights;

  it("defaults to ServiceNow's: +3, −2, −5, −10 and −5", () => {
    expect(weights()).toEqual({
      verifiedWithoutIssues: 3,
      verifiedWithIssues: -2,
      failed: -5,
      causedP1Emergency: -10,
      causedP2Emergency: -5,
    });
  });

  it('takes each weight set, the others defaulted', () => {
    expect(weights({ failed: -8, causedP2Emergency: -2.5 })).toEqual({
      verifiedWithoutIssues: 3,
      verifiedWithIssues: -2,
      failed: -8,
      causedP1Emergency: -10,
      causedP2Emergency: -2.5,
    });
  });

  it('refuses a weight that is not a number', () => {
    expect(() => weights({ failed: 'a lot' })).toThrow(/failed/);
  });
});
