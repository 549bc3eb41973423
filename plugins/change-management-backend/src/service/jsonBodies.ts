import { CustomErrorBase } from '@backstage/errors';
import express, { ErrorRequestHandler, RequestHandler } from 'express';
import { inputError } from '../errors';

/** 415: a body that is not JSON. */
class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/** 415 for a body that is not JSON; `is` is null when there is no body. */
const refuseOtherBodies: RequestHandler = (req, _res, next) => {
  next(
    req.is('application/json') === false
      ? new UnsupportedMediaTypeError(
          `Send the body as application/json, not ${req.get('content-type')}`,
        )
      : undefined,
  );
};

/** Malformed JSON is invalid input, named as such. */
const nameMalformedJson: ErrorRequestHandler = (error, _req, _res, next) => {
  next(
    error.type === 'entity.parse.failed'
      ? inputError(`The body is not valid JSON: ${error.message}`, [
          { path: '', message: 'The body is not valid JSON' },
        ])
      : error,
  );
};

/**
 * The largest valid body, with margin: a draft's four free-text fields of
 * 20,000 characters, each escaped by JSON as up to 6 bytes (`\u0001`), is
 * about 480 kB, and the rest adds under 20 kB.
 */
const BODY_LIMIT = '1mb';

/**
 * Reads a JSON body, ahead of the routes: a body over the limit answers 413
 * (body-parser's error), one that is not JSON 415, and malformed JSON 400.
 */
export const jsonBodies = () => [
  refuseOtherBodies,
  express.json({ limit: BODY_LIMIT }),
  nameMalformedJson,
];
