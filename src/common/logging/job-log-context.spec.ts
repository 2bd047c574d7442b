import { Writable } from 'node:stream';
import { storage } from 'nestjs-pino/storage';
import pino from 'pino';
import { JobIdentity, jobLogBindings, runWithJobLogContext } from './job-log-context';

function job(data: unknown): JobIdentity {
  return { id: '42', name: 'send.deliver', queueName: 'send', attemptsMade: 1, data };
}

describe('jobLogBindings', () => {
  it('names the job and lifts the payload ids into snake_case fields', () => {
    expect(
      jobLogBindings(job({ messageId: 7, botId: 3, chatDbId: 9, text: 'never logged' })),
    ).toEqual({
      job_id: '42',
      job_name: 'send.deliver',
      queue: 'send',
      attempt: 2,
      message_id: 7,
      bot_id: 3,
      chat_db_id: 9,
    });
  });
});

describe('runWithJobLogContext', () => {
  it('gives every log line inside the handler the job fields, and none outside', async () => {
    let raw = '';
    const root = pino(
      { base: null },
      new Writable({
        write(chunk: Buffer, _e, done) {
          raw += chunk.toString();
          done();
        },
      }),
    );

    const result = await runWithJobLogContext(root, job({ botId: 5 }), async () => {
      storage.getStore()?.logger.info('inside');
      return 'ok';
    });
    (storage.getStore()?.logger ?? root).info('outside');

    expect(result).toBe('ok');
    const [inside, outside] = raw
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(inside).toMatchObject({ msg: 'inside', job_id: '42', bot_id: 5, queue: 'send' });
    expect(outside.msg).toBe('outside');
    expect(outside.job_id).toBeUndefined();
  });

  it('just runs the handler without a root logger', async () => {
    await expect(runWithJobLogContext(undefined, job({}), async () => 3)).resolves.toBe(3);
  });
});
