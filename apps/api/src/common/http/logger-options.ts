import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { Params } from 'nestjs-pino';
import { DestinationStream, stdSerializers } from 'pino';
import { requestIdOf } from './request-id';

/** ?token= (the Sentry legacy plugin's webhook token) never reaches a log line. */
const TOKEN_IN_QUERY = /([?&]token=)[^&#]*/gi;

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-grafana-alerting-signature"]',
  'req.headers["sentry-hook-signature"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.credentials',
  '*.secret',
  '*.token',
  '*.access_token',
  '*.secret_access_key',
  '*.auth_token',
];

/** Fields of database errors that carry values (user data, tokens): only the statement is logged. */
const VALUE_FIELDS = ['parameters', 'driverError', 'detail', 'where', 'internalQuery'];

/** Pino's error serializer, without the values a failed query was given. */
export function errorForLog(e: unknown): Record<string, unknown> {
  const out = stdSerializers.err(e as Error) as unknown as Record<string, unknown>;
  for (const f of VALUE_FIELDS) delete out[f];
  return out;
}

/** Structured JSON logs with a request id per request (taken from X-Request-Id when sane). */
export function loggerOptions(level: string, stream?: DestinationStream): Params {
  return {
    // Express 5 path syntax: every route (the default '*' triggers a legacy-route warning).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level,
        redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const id = requestIdOf(req);
          res.setHeader('X-Request-Id', id);
          return id;
        },
        customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
          err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
        serializers: {
          err: errorForLog,
          req: (req: {
            id: string;
            method: string;
            url: string;
            remoteAddress?: string;
            headers: Record<string, unknown>;
          }) => ({
            id: req.id,
            method: req.method,
            url: req.url.replace(TOKEN_IN_QUERY, '$1[redacted]'),
            remoteAddress: req.remoteAddress,
            headers: {
              'user-agent': req.headers['user-agent'],
              authorization: req.headers['authorization'],
              cookie: req.headers['cookie'],
            },
          }),
        },
      },
      stream as DestinationStream,
    ],
  };
}
