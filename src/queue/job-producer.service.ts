import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { BulkJobOptions, Job, JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads } from './job-definitions';
import { QueueName } from './queue-name';

/** The one way to put a job on a queue: the job name decides the queue and the payload type. */
@Injectable()
export class JobProducer {
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
