import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { publishDomainEvent } from '../events/domain-events';
import { Message, MessageState } from '../messages/entities/message.entity';
import { MessageLedger } from '../messages/message-ledger.service';
import { MetricsRegistry } from '../observability/metrics.registry';
import { jobIds } from '../queue/job-definitions';
import { JobProducer } from '../queue/job-producer.service';
import { QueueName } from '../queue/queue-name';
import { RedisService } from '../redis/redis.service';
import { InFlightMessage, reaperVerdict, ReaperVerdict, SendJobState } from './message-reaper';

/** Rows read per query; a run pages through every stale row, up to MAX_PAGES pages. */
const PAGE_SIZE = 500;
const MAX_PAGES = 20;

const IN_FLIGHT: InFlightMessage['state'][] = [
  MessageState.Planned,
  MessageState.Generating,
  MessageState.Sending,
];

export interface ReaperRun {
  examined: number;
  redriven: number;
  failed: number;
  unknown: number;
}

/**
 * Gives a final state to messages a crash left in flight (see reaperVerdict for the rules). Runs
 * on the maintenance schedule every JOB_LOCK_MS and looks only at rows untouched for longer than
 * that lease, so a live worker's row is never judged mid-step; every change is a ledger
 * compare-and-set, so a worker finishing the same row at the same moment simply wins or loses.
 */
@Injectable()
export class MessageReaper {
  private readonly logger = new Logger(MessageReaper.name);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly ledger: MessageLedger,
    private readonly producer: JobProducer,
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly metrics?: MetricsRegistry,
  ) {}

  async reap(now = new Date()): Promise<ReaperRun> {
    const staleBefore = new Date(now.getTime() - this.config.worker.jobLock.lockMs);
    const run: ReaperRun = { examined: 0, redriven: 0, failed: 0, unknown: 0 };
    let afterId = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = await this.ds
        .getRepository(Message)
        .createQueryBuilder('m')
        .select(['m.id', 'm.botId', 'm.chatDbId', 'm.state', 'm.createdAt'])
        .where('m.state IN (:...states)', { states: IN_FLIGHT })
        .andWhere('m.updatedAt < :staleBefore', { staleBefore })
        .andWhere('m.id > :afterId', { afterId })
        .orderBy('m.id', 'ASC')
        .limit(PAGE_SIZE)
        .getMany();
      for (const row of rows) {
        run.examined += 1;
        const verdict = reaperVerdict(
          { state: row.state as InFlightMessage['state'], createdAt: row.createdAt },
          await this.sendJob(row.id),
          now,
        );
        await this.apply(row, verdict, run);
      }
      if (rows.length < PAGE_SIZE) {
        break;
      }
      afterId = rows[rows.length - 1].id;
    }
    if (run.redriven + run.failed + run.unknown > 0) {
      this.logger.warn(
        `Reaped messages left in flight: ${run.redriven} re-driven, ${run.failed} failed, ` +
          `${run.unknown} unknown (of ${run.examined} stale)`,
      );
    }
    return run;
  }

  private async sendJob(
    messageId: number,
  ): Promise<{ state: SendJobState; failedReason?: string }> {
    const queue = this.producer.queue(QueueName.Send);
    const id = jobIds.send(messageId);
    const state = await queue.getJobState(id);
    if (state === 'unknown') {
      return { state: 'missing' };
    }
    if (state === 'failed') {
      return { state, failedReason: (await queue.getJob(id))?.failedReason };
    }
    return { state };
  }

  private async apply(message: Message, verdict: ReaperVerdict, run: ReaperRun): Promise<void> {
    switch (verdict.action) {
      case 'leave':
        return;
      case 'redrive':
        // Same deterministic job id as the turn's enqueue: if that one appears after all, one wins.
        await this.producer.enqueue(
          'send.deliver',
          { messageId: message.id },
          { jobId: jobIds.send(message.id) },
        );
        run.redriven += 1;
        return;
      case 'failed':
        if (await this.ledger.markFailed(message.id, verdict)) {
          run.failed += 1;
          await this.finished(message, MessageState.Failed, verdict.code);
        }
        return;
      case 'unknown':
        if (await this.ledger.markUnknown(message.id, verdict)) {
          run.unknown += 1;
          await this.finished(message, MessageState.Unknown, verdict.code);
        }
        return;
    }
  }

  private async finished(
    message: Message,
    state: MessageState.Failed | MessageState.Unknown,
    reason: string,
  ): Promise<void> {
    this.metrics?.messageFinished(state, reason);
    await publishDomainEvent(this.redis, {
      type: 'message_failed',
      message_id: message.id,
      chat_id: message.chatDbId,
      bot_id: message.botId,
      state,
      reason,
    }).catch((error: unknown) => {
      this.logger.warn(`event message_failed not published: ${String(error)}`);
    });
  }
}
