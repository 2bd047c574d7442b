import { Module } from '@nestjs/common';
import { QueueStatsController } from './queue-stats.controller';
import { QueueStatsService } from './queue-stats.service';

/** GET /queue/stats, and the counts service the metrics and system checks reuse. */
@Module({
  controllers: [QueueStatsController],
  providers: [QueueStatsService],
  exports: [QueueStatsService],
})
export class QueueStatsModule {}
