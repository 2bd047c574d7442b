import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { Params } from 'nestjs-pino';
import { DestinationStream, LoggerOptions } from 'pino';
import { Options } from 'pino-http';
import { AppConfig } from '../../config/app-config';
import { redactDeep } from './redact';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

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
    genReqId: (req: IncomingMessage) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactDeep(req.url),
      }),
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/metrics' },
  };
  return { pinoHttp: destination ? [options, destination] : options };
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
        method.apply(this, args.map((a) => redactDeep(a)) as Parameters<typeof method>);
      },
    },
  };
}
