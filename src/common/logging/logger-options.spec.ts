import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino, { LoggerOptions } from 'pino';
import pinoHttp_, { Options } from 'pino-http';
import { loadConfig } from '../../config/load-config';
import { loggerOptions } from './logger-options';

const BOT_TOKEN = '6012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';

/** A stream that keeps what is written to it, as text. */
function memorySink(): { sink: Writable; raw: () => string } {
  let raw = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      done();
    },
  });
  return { sink, raw: () => raw };
}

/** A pino logger built from the production options, writing JSON lines into memory. */
function capture(): {
  logger: pino.Logger;
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  const { sink, raw } = memorySink();
  const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', LOG_LEVEL: 'debug' });
  const { pinoHttp } = loggerOptions(config, 'worker');
  const logger = pino(pinoHttp as LoggerOptions, sink);
  return {
    logger,
    raw,
    lines: () =>
      raw()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('production logger', () => {
  it('writes JSON lines with the process role and no bot token, whatever the call shape', () => {
    const { logger, lines, raw } = capture();
    const error = new Error(`ETIMEDOUT https://api.telegram.org/bot${BOT_TOKEN}/sendMessage`);
    Object.assign(error, { response: { url: `/bot${BOT_TOKEN}/sendMessage` } });

    logger.info(`polling /bot${BOT_TOKEN}/getUpdates`);
    logger.warn({ bot: { id: 3, token: BOT_TOKEN }, url: `/bot${BOT_TOKEN}/getMe` }, 'verify');
    logger.error({ err: error }, 'send failed');
    logger.error(error);

    const out = raw();
    expect(out).not.toContain(BOT_TOKEN);
    expect(out).not.toContain('AAHdqTcv');
    const [first, second, third] = lines();
    expect(first).toMatchObject({ process: 'worker', msg: 'polling /bot[REDACTED]/getUpdates' });
    expect(second).toMatchObject({
      bot: { id: 3, token: '[REDACTED]' },
      url: '/bot[REDACTED]/getMe',
    });
    expect(third.err).toMatchObject({
      message: 'ETIMEDOUT https://api.telegram.org/bot[REDACTED]/sendMessage',
      response: { url: '/bot[REDACTED]/sendMessage' },
    });
    expect(lines()).toHaveLength(4);
  });

  it('masks credentials in HTTP request headers', () => {
    const { logger, raw } = capture();
    logger.info({ req: { id: 'r1', method: 'GET', url: `/x?token=abc`, headers: {} } }, 'request');
    logger.info({ headers: { 'x-api-key': 'pk_Ab12Cd34_0123456789abcdefghijABCDEFGHij' } }, 'h');
    expect(raw()).not.toContain('abc&');
    expect(raw()).not.toContain('0123456789abcdefghij');
    expect(raw()).toContain('/x?token=[REDACTED]');
  });
});

describe('request log lines (pino-http with the production options)', () => {
  async function logOneRequest(path: string): Promise<Record<string, unknown>> {
    const { sink, raw } = memorySink();
    const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', LOG_LEVEL: 'info' });
    const { pinoHttp } = loggerOptions(config, 'api');
    const middleware = pinoHttp_(pinoHttp as Options, sink);
    const server = createServer((req, res) => {
      middleware(req, res);
      res.setHeader('set-cookie', 'piyasa_session=s3cr3tS3ssionValue');
      res.statusCode = 201;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await fetch(`http://127.0.0.1:${port}${path}`, {
      headers: { 'x-api-key': 'pk_Ab12Cd34_0123456789abcdefghijABCDEFGHij' },
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(raw()).not.toContain('s3cr3tS3ssionValue');
    expect(raw()).not.toContain('0123456789abcdefghij');
    return JSON.parse(raw().trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
  }

  it('records the status, the redacted URL and the response time, not a copy of the response object', async () => {
    const line = await logOneRequest(`/logs?token=${BOT_TOKEN}&limit=5`);
    expect(line).toMatchObject({
      process: 'api',
      msg: 'request completed',
      req: { method: 'GET', url: '/logs?token=[REDACTED]&limit=5' },
      res: { statusCode: 201 },
    });
    expect(typeof line.responseTime).toBe('number');
    // Only the serializers' fields: a deep copy of Node's ServerResponse would bring its internals.
    expect(Object.keys(line.res as object)).toEqual(['statusCode']);
    expect(Object.keys(line.req as object).sort()).toEqual(['id', 'method', 'url']);
  });
});
