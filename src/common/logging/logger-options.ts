import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Params } from 'nestjs-pino';
import { DestinationStream, LoggerOptions } from 'pino';
import { Options } from 'pino-http';
import { AppConfig } from '../../config/app-config';
import { redactDeep, redactSecrets } from './redact';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The request's id: the caller's X-Request-Id when it looks like one, else a fresh UUID. Kept on
 * Node's request, so Fastify (which asks first, for request.id) and pino-http (for the log lines)
 * agree on it.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }): string {
  if (typeof req.id === 'string') {
    return req.id;
  }
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  return id;
}

/**
 * Structured JSON logs (pino) for both processes. Secrets are removed twice: known header paths
 * by pino's redaction, and secret-looking strings (bot tokens in URLs, API keys) anywhere in a log
 * call by the logMethod hook.
 */
export function loggerOptions(
  config: AppConfig,
  processRole: 'api' | 'worker',
  /** Where log lines go (default stdout); tests pass a stream they can read. */
  destination?: DestinationStream,
): Params {
  const options: Options = {
    ...baseLoggerOptions(config, processRole),
    genReqId: requestIdOf,
    // Our serializers take Node's request and response as they are and pick the few fields a
    // request line needs: pino-http would first build full copies (every header) to hand them.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id: string }) => ({
        id: req.id,
        method: req.method,
        url: redactSecrets(pathOf(req)),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    autoLogging: { ignore: (req) => pathOf(req) === '/healthz' || pathOf(req) === '/metrics' },
  };
  return { pinoHttp: destination ? [options, destination] : options };
}

/**
 * The URL the client asked for. Middleware on Fastify (pino-http among it) sees `url` relative to
 * the path it is mounted on; the full one is `originalUrl`.
 */
function pathOf(req: IncomingMessage & { originalUrl?: string }): string {
  return req.originalUrl ?? req.url ?? '';
}

/**
 * The `req` and `res` fields of a log call are Node's request and response objects (pino-http's
 * "request completed" line): our serializers pick their safe fields (the request's id, method and
 * redacted URL, the response's status), so they are left to them. A deep copy would lose what the
 * serializers read from the prototype (the status code) and walk the whole socket, request and
 * application graph on every request.
 */
const SERIALIZED_HTTP_FIELDS = ['req', 'res'] as const;

function redactLogArgument(argument: unknown): unknown {
  if (argument === null || typeof argument !== 'object' || argument instanceof Error) {
    return redactDeep(argument);
  }
  const fields = argument as Record<string, unknown>;
  const http = SERIALIZED_HTTP_FIELDS.filter(
    (name) => fields[name] instanceof IncomingMessage || fields[name] instanceof ServerResponse,
  );
  if (http.length === 0) {
    return redactDeep(argument);
  }
  const rest = { ...fields };
  for (const name of http) {
    delete rest[name];
  }
  const redacted = redactDeep(rest) as Record<string, unknown>;
  for (const name of http) {
    redacted[name] = fields[name];
  }
  return redacted;
}

/**
 * The pino options every logger of a process shares: level, the process fields, and both kinds of
 * secret removal. Also for a logger needed before the application exists (the worker's schema
 * wait), so that it logs alike.
 */
export function baseLoggerOptions(config: AppConfig, processRole: 'api' | 'worker'): LoggerOptions {
  return {
    level: config.log.level,
    base: { process: processRole, pid: process.pid },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["x-telegram-bot-api-secret-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[REDACTED]',
    },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map(redactLogArgument) as Parameters<typeof method>);
      },
    },
  };
}
