// @ts-check
'use strict';

const { parseArgs } = require('node:util');
const { parseDuration } = require('./durations');
const { UsageError } = require('./errors');

/** Where the plugin is mounted under the backend's base URL. */
const API_PATH = '/api/change-management';
const ENVIRONMENTS = ['production', 'staging'];
const DEFAULT_TIMEOUT = '30m';
const DEFAULT_INTERVAL = '60s';

/** @typedef {{ type: 'string' } | { type: 'boolean', short?: string }} OptionSpec */

/** @type {Record<string, OptionSpec>} */
const COMMON = {
  url: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** @type {Record<string, Record<string, OptionSpec>>} */
const COMMANDS = {
  check: { change: { type: 'string' }, env: { type: 'string' } },
  wait: {
    change: { type: 'string' },
    env: { type: 'string' },
    timeout: { type: 'string' },
    interval: { type: 'string' },
  },
  'record-deploy': {
    change: { type: 'string' },
    ref: { type: 'string' },
    sha: { type: 'string' },
    comment: { type: 'string' },
  },
};

/**
 * @typedef {{ baseUrl: string, token: string }} Server
 * @typedef {{ command: 'check', change: string, env: string }} CheckOptions
 * @typedef {{
 *   command: 'wait',
 *   change: string,
 *   env: string,
 *   timeoutMs: number,
 *   intervalMs: number,
 * }} WaitOptions
 * @typedef {{
 *   command: 'record-deploy',
 *   change: string,
 *   ref: string,
 *   sha: string,
 *   comment?: string,
 * }} RecordDeployOptions
 * @typedef {CheckOptions | WaitOptions | RecordDeployOptions} CommandOptions
 * @typedef {{ command: 'help' } | (Server & CommandOptions)} Invocation
 */

/**
 * Reads the command line, with the server from flags or the environment.
 * Throws UsageError for anything that cannot run.
 *
 * @param {string[]} argv the arguments after the program name
 * @param {Record<string, string | undefined>} processEnv
 * @returns {Invocation}
 */
function parseCommandLine(argv, processEnv) {
  const [command, ...rest] = argv;
  if (command === undefined) {
    throw new UsageError('give a command: check, wait or record-deploy');
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    return { command: 'help' };
  }
  const spec = COMMANDS[command];
  if (!spec) {
    throw new UsageError(`unknown command '${command}'`);
  }

  /** @type {Record<string, string | boolean | undefined>} */
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: { ...COMMON, ...spec },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(/** @type {Error} */ (error).message);
  }
  if (values.help) {
    return { command: 'help' };
  }

  // The command's own flags first: they are what a person gets wrong.
  const options = readOptions(command, values);
  return { ...options, ...readServer(values, processEnv) };
}

/**
 * @param {string} command
 * @param {Record<string, string | boolean | undefined>} values
 * @returns {CommandOptions}
 */
function readOptions(command, values) {
  /** @param {string} name */
  const required = name => {
    const value = values[name];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new UsageError(`${command} needs --${name}`);
    }
    return value.trim();
  };
  switch (command) {
    case 'check':
      return {
        command: 'check',
        change: required('change'),
        env: environment(required('env')),
      };
    case 'wait': {
      const change = required('change');
      const env = environment(required('env'));
      const timeoutMs = duration('timeout', values.timeout ?? DEFAULT_TIMEOUT);
      const intervalMs = duration(
        'interval',
        values.interval ?? DEFAULT_INTERVAL,
      );
      if (intervalMs === 0) {
        throw new UsageError('--interval must be longer than 0');
      }
      return { command: 'wait', change, env, timeoutMs, intervalMs };
    }
    default: {
      const comment = values.comment;
      return {
        command: 'record-deploy',
        change: required('change'),
        ref: required('ref'),
        sha: required('sha'),
        ...(typeof comment === 'string' && comment.trim() && { comment }),
      };
    }
  }
}

/**
 * @param {Record<string, string | boolean | undefined>} values
 * @param {Record<string, string | undefined>} processEnv
 * @returns {Server}
 */
function readServer(values, processEnv) {
  const url = stringOr(values.url, processEnv.CHANGE_GATE_URL);
  const token = stringOr(values.token, processEnv.CHANGE_GATE_TOKEN);
  if (!url) {
    throw new UsageError('give the backend URL: --url or CHANGE_GATE_URL');
  }
  if (!token) {
    throw new UsageError('give a token: --token or CHANGE_GATE_TOKEN');
  }
  /** @type {URL} */
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`not an http(s) URL: ${url}`);
  }
  return { baseUrl: url.replace(/\/+$/, '') + API_PATH, token };
}

/**
 * The flag wins over the environment; an empty value counts as unset, as an
 * unset CI secret arrives as an empty string.
 *
 * @param {string | boolean | undefined} flag
 * @param {string | undefined} fromEnv
 */
function stringOr(flag, fromEnv) {
  const value = typeof flag === 'string' ? flag : fromEnv;
  return value?.trim() || undefined;
}

/** @param {string} value */
function environment(value) {
  if (!ENVIRONMENTS.includes(value)) {
    throw new UsageError(
      `--env must be ${ENVIRONMENTS.join(' or ')}, not '${value}'`,
    );
  }
  return value;
}

/**
 * @param {string} name
 * @param {string | boolean} text
 */
function duration(name, text) {
  const ms = typeof text === 'string' ? parseDuration(text) : undefined;
  if (ms === undefined) {
    throw new UsageError(
      `--${name} takes a duration such as 10s, 30m or 1h, not '${text}'`,
    );
  }
  return ms;
}

module.exports = { API_PATH, parseCommandLine };
