// @ts-check
'use strict';

const { parseCommandLine } = require('./args');
const { UsageError } = require('./errors');

const server = ['--url', 'http://localhost:7007', '--token', 'secret'];

describe('parseCommandLine', () => {
  it('reads check, with the plugin path appended to the backend URL', () => {
    expect(
      parseCommandLine(
        ['check', '--change', 'c-1', '--env', 'production', ...server],
        {},
      ),
    ).toEqual({
      command: 'check',
      change: 'c-1',
      env: 'production',
      baseUrl: 'http://localhost:7007/api/change-management',
      token: 'secret',
    });
  });

  it('reads wait with its defaults: 30 minutes, polls at most a minute apart', () => {
    expect(
      parseCommandLine(
        ['wait', '--change', 'c-1', '--env', 'staging', ...server],
        {},
      ),
    ).toMatchObject({
      command: 'wait',
      env: 'staging',
      timeoutMs: 1_800_000,
      intervalMs: 60_000,
    });
  });

  it('reads wait with its timeout and interval', () => {
    expect(
      parseCommandLine(
        [
          'wait',
          '--change=c-1',
          '--env=production',
          '--timeout',
          '1h',
          '--interval',
          '10s',
          ...server,
        ],
        {},
      ),
    ).toMatchObject({ timeoutMs: 3_600_000, intervalMs: 10_000 });
  });

  it('reads record-deploy, leaving out a blank comment', () => {
    const argv = [
      'record-deploy',
      '--change',
      'c-1',
      '--ref',
      'https://ci/run/7',
      '--sha',
      'abc123',
      ...server,
    ];
    expect(parseCommandLine(argv, {})).toEqual({
      command: 'record-deploy',
      change: 'c-1',
      ref: 'https://ci/run/7',
      sha: 'abc123',
      baseUrl: 'http://localhost:7007/api/change-management',
      token: 'secret',
    });
    expect(
      parseCommandLine([...argv, '--comment', ' '], {}),
    ).not.toHaveProperty('comment');
    expect(
      parseCommandLine([...argv, '--comment', 'hotfix'], {}),
    ).toMatchObject({ comment: 'hotfix' });
  });

  it('takes the URL and token from the environment, the flags winning', () => {
    const env = {
      CHANGE_GATE_URL: 'https://backstage.example.com/',
      CHANGE_GATE_TOKEN: 'from-env',
    };
    const argv = ['check', '--change', 'c-1', '--env', 'production'];
    expect(parseCommandLine(argv, env)).toMatchObject({
      baseUrl: 'https://backstage.example.com/api/change-management',
      token: 'from-env',
    });
    expect(
      parseCommandLine([...argv, '--token', 'from-flag'], env),
    ).toMatchObject({
      token: 'from-flag',
    });
  });

  it.each([
    [['--help']],
    [['-h']],
    [['help']],
    [['wait', '--help']],
    [['check', '-h']],
  ])('reads %p as a request for help, needing no server', argv => {
    expect(parseCommandLine(argv, {})).toEqual({ command: 'help' });
  });

  it.each([
    ['no command', [], {}, /give a command/],
    ['an unknown command', ['deploy'], {}, /unknown command 'deploy'/],
    [
      'an unknown flag',
      ['check', '--change', 'c', '--env', 'production', '--force', ...server],
      {},
      /--force/,
    ],
    ['a positional argument', ['check', 'c-1', ...server], {}, /c-1/],
    [
      'a flag without its value',
      ['check', '--env', 'production', ...server, '--change'],
      {},
      /--change/,
    ],
    [
      'no change',
      ['check', '--env', 'production', ...server],
      {},
      /check needs --change/,
    ],
    [
      'no environment',
      ['check', '--change', 'c', ...server],
      {},
      /check needs --env/,
    ],
    [
      'another environment',
      ['check', '--change', 'c', '--env', 'prod', ...server],
      {},
      /production or staging, not 'prod'/,
    ],
    [
      'a bare number as timeout',
      [
        'wait',
        '--change',
        'c',
        '--env',
        'production',
        '--timeout',
        '30',
        ...server,
      ],
      {},
      /--timeout takes a duration/,
    ],
    [
      'a zero interval',
      [
        'wait',
        '--change',
        'c',
        '--env',
        'production',
        '--interval',
        '0s',
        ...server,
      ],
      {},
      /--interval must be longer than 0/,
    ],
    [
      'no sha',
      ['record-deploy', '--change', 'c', '--ref', 'r', ...server],
      {},
      /record-deploy needs --sha/,
    ],
    [
      'no URL',
      ['check', '--change', 'c', '--env', 'production', '--token', 't'],
      {},
      /--url or CHANGE_GATE_URL/,
    ],
    [
      'an unset secret as token',
      ['check', '--change', 'c', '--env', 'production'],
      { CHANGE_GATE_URL: 'http://x', CHANGE_GATE_TOKEN: '' },
      /--token or CHANGE_GATE_TOKEN/,
    ],
    [
      'a URL without a scheme',
      [
        'check',
        '--change',
        'c',
        '--env',
        'production',
        '--url',
        'backstage:7007',
        '--token',
        't',
      ],
      {},
      /not an http\(s\) URL/,
    ],
    [
      'no URL at all',
      [
        'check',
        '--change',
        'c',
        '--env',
        'production',
        '--url',
        'backstage',
        '--token',
        't',
      ],
      {},
      /not a URL/,
    ],
  ])('refuses %s as a usage error', (_, argv, env, message) => {
    expect(() => parseCommandLine(argv, env)).toThrow(UsageError);
    expect(() => parseCommandLine(argv, env)).toThrow(message);
  });
});
