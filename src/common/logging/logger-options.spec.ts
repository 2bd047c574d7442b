import { Writable } from 'node:stream';
import pino, { LoggerOptions } from 'pino';
import { loadConfig } from '../../config/load-config';
import { loggerOptions } from './logger-options';

const BOT_TOKEN = '6012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0';

/** A pino logger built from the production options, writing JSON lines into memory. */
function capture(): {
  logger: pino.Logger;
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  let raw = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw += chunk.toString();
      done();
    },
  });
  const config = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', LOG_LEVEL: 'debug' });
  const { pinoHttp } = loggerOptions(config, 'worker');
  const logger = pino(pinoHttp as LoggerOptions, sink);
  return {
    logger,
    raw: () => raw,
    lines: () =>
      raw
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
