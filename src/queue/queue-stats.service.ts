import { Injectable } from '@nestjs/common';
import { JobProducer } from './job-producer.service';
import { ALL_QUEUES } from './queue-name';
import { QueueCountsDto, QueueStatsDto } from './dto/queue-stats.dto';

/** Job counts per queue and state, read from Redis: works in any process, consumer or not. */
@Injectable()
export class QueueStatsService {
  constructor(private readonly producer: JobProducer) {}

  async stats(): Promise<QueueStatsDto> {
    const queues = await Promise.all(ALL_QUEUES.map((name) => this.counts(name)));
    return {
      generated_at: new Date().toISOString(),
      queues,
      total_pending: queues.reduce((n, q) => n + q.waiting + q.active + q.delayed + q.paused, 0),
    };
  }

  private async counts(name: (typeof ALL_QUEUES)[number]): Promise<QueueCountsDto> {
    const queue = this.producer.queue(name);
    const [counts, isPaused] = await Promise.all([
      queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'paused'),
      queue.isPaused(),
    ]);
    return {
      name,
      waiting: counts.waiting ?? 0,
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
      paused: counts.paused ?? 0,
      is_paused: isPaused,
    };
  }
}
