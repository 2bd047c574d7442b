import { Injectable, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobProducer } from '../queue/job-producer.service';
import { ALL_QUEUES } from '../queue/queue-name';
import { MetricsRegistry, QueueStats } from './metrics.registry';

/**
 * Feeds the queue gauges from BullMQ at scrape time. The cost is bounded: per queue one
 * getJobCounts (a handful of ZCARD/LLEN in one round trip) and one read of the oldest waiting job,
 * whatever the queue length; the registry caches the answer for a second and gives up after 1.5 s.
 */
@Injectable()
export class QueueMetricsCollector implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly producer: JobProducer,
  ) {}

  onModuleInit(): void {
    this.metrics.setQueueStatsSource(() => this.read());
  }

  async read(now = Date.now()): Promise<QueueStats[]> {
    return Promise.all(ALL_QUEUES.map((name) => readQueue(this.producer.queue(name), now)));
  }
}

async function readQueue(queue: Queue, now: number): Promise<QueueStats> {
  const [counts, oldest] = await Promise.all([
    queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'),
    // The wait list is filled from the left, so ascending order starts with the oldest job.
    queue.getJobs(['wait'], 0, 0, true),
  ]);
  const oldestTimestamp = oldest[0]?.timestamp;
  return {
    queue: queue.name,
    counts: {
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      prioritized: counts.prioritized ?? 0,
      failed: counts.failed ?? 0,
    },
    oldestWaitingAgeSeconds: oldestTimestamp ? Math.max(0, (now - oldestTimestamp) / 1000) : 0,
  };
}
