import { QueueEvents } from 'bullmq';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { QueueName } from '../../../src/queue/queue-name';
import { ApiHarness } from '../../support/api-harness';
import { TEST_REDIS_URL } from '../../support/test-env';
import { WorkerProcess } from '../../support/worker-process';

describe('a job enqueued by the API', () => {
  let api: ApiHarness;
  let worker: WorkerProcess;
  let events: QueueEvents;

  beforeAll(async () => {
    api = await ApiHarness.start('roundtrip');
    worker = await WorkerProcess.start({
      DATABASE_URL: api.db.url,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: api.config.redis.prefix,
      MIGRATIONS_RUN_ON_START: 'false',
    });
    events = new QueueEvents(QueueName.Maintenance, {
      connection: { url: TEST_REDIS_URL },
      prefix: `${api.config.redis.prefix}:bull`,
    });
    await events.waitUntilReady();
  }, 120000);

  afterAll(async () => {
    await events?.close();
    await worker?.stop();
    await api?.stop();
  });

  it('is processed by a separate worker process', async () => {
    const job = await api.app
      .get(JobProducer)
      .enqueue('maintenance.probe', { requestedAt: new Date().toISOString() });
    const result = (await job.waitUntilFinished(events, 30000)) as {
      status: string;
      worker: string;
    };
    expect(result.status).toBe('done');
    expect(result.worker).toMatch(new RegExp(`:${worker.pid}$`));
    expect(worker.pid).not.toBe(process.pid);
  });

  it('the worker stops cleanly on SIGTERM', async () => {
    expect(await worker.stop()).toBe(0);
  });
});
