import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { BulkJobOptions, Job, JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads } from './job-definitions';
import { QueueName } from './queue-name';

/** The one way to put a job on a queue: the job name decides the queue and the payload type. */
@Injectable()
export class JobProducer {
  private readonly logger = new Logger(JobProducer.name);
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Tick) tick: Queue,
    @InjectQueue(QueueName.Turn) turn: Queue,
    @InjectQueue(QueueName.Send) send: Queue,
    @InjectQueue(QueueName.Updates) updates: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
  ) {
    this.queues = {
      [QueueName.Tick]: tick,
      [QueueName.Turn]: turn,
      [QueueName.Send]: send,
      [QueueName.Updates]: updates,
      [QueueName.Maintenance]: maintenance,
    };
    // A Queue re-emits its connection's errors; an 'error' event nobody listens to throws and ends
    // the process (seen when the app closed while BullMQ was still initialising its connection).
    // The connection itself is already logged by RedisService, so this only notes the queue.
    for (const queue of Object.values(this.queues)) {
      queue.on('error', (error: Error) =>
        this.logger.debug(`Queue ${queue.name}: ${error.message}`),
      );
    }
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    options?: JobsOptions,
  ): Promise<Job<JobPayloads[N]>> {
    const queue = this.queue(JOB_QUEUE[name]);
    return (await queue.add(name, payload, options)) as Job<JobPayloads[N]>;
  }

  /** Several jobs of one name in one Redis round trip (a tick's turns). */
  async enqueueMany<N extends JobName>(
    name: N,
    jobs: { payload: JobPayloads[N]; options?: BulkJobOptions }[],
  ): Promise<void> {
    if (jobs.length > 0) {
      await this.queue(JOB_QUEUE[name]).addBulk(
        jobs.map((job) => ({ name, data: job.payload, opts: job.options })),
      );
    }
  }

  /** The queue itself, for scheduler registration, stats and the queue board. */
  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
