import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Chat } from '../../chats/entities/chat.entity';
import { jobIds, JobResult } from '../../queue/job-definitions';
import { JobProducer } from '../../queue/job-producer.service';
import { RedisService } from '../../redis/redis.service';
import { SETTINGS_SOURCE, SettingsSource } from '../../settings/settings-source';
import { ChatSchedule } from './chat-schedule.service';

/** How often (at most, fleet-wide) the schedule is reconciled with the enabled chats. */
const RECONCILE_EVERY_SECONDS = 15;
/** Chats claimed per tick: more are picked up by the next tick a second later. */
const MAX_CLAIMS_PER_TICK = 500;
/** New chats start within this spread, so a fleet start does not speak all at once. */
const START_SPREAD_MS = 10_000;

/**
 * The tick (ADR 0002): claims the chats whose turn is due and enqueues one turn job each with a
 * deterministic id, so no two replicas can start the same turn. The claim's lease outlasts the
 * slowest possible turn (LLM timeout × attempts), after which an unfinished chat is due again.
 */
@Injectable()
export class TurnScheduler {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schedule: ChatSchedule,
    private readonly producer: JobProducer,
    private readonly redis: RedisService,
    @Inject(SETTINGS_SOURCE) private readonly settings: SettingsSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get leaseMs(): number {
    return this.config.llm.timeoutMs * 6 + 60_000;
  }

  async tick(): Promise<JobResult> {
    const settings = await this.settings.current();
    if (!settings.simulation_active) {
      return { status: 'skipped', reason: 'simulation_stopped' };
    }
    await this.reconcileOccasionally();
    const claimed = await this.schedule.claimDue(this.leaseMs, MAX_CLAIMS_PER_TICK);
    const now = Date.now();
    for (const chat of claimed) {
      await this.producer.enqueue(
        'turn.run',
        { chatDbId: chat.chatDbId, reason: 'scheduled' },
        { jobId: jobIds.turn(chat.chatDbId, chat.dueAt) },
      );
    }
    const lagMs = claimed.length > 0 ? Math.max(...claimed.map((c) => now - c.dueAt)) : 0;
    return { status: 'done', claimed: claimed.length, max_lag_ms: lagMs };
  }

  /** Adds enabled chats to the schedule and drops disabled or deleted ones. */
  async reconcile(): Promise<void> {
    const enabled = (
      await this.ds.getRepository(Chat).find({ select: { id: true }, where: { isEnabled: true } })
    ).map((c) => c.id);
    const enabledSet = new Set(enabled);
    const scheduled = await this.schedule.scheduledChats();
    await this.schedule.unschedule(scheduled.filter((id) => !enabledSet.has(id)));
    const fresh = enabled.filter((id) => !scheduled.includes(id));
    for (const id of fresh) {
      await this.schedule.ensureScheduled(
        [id],
        Date.now() + Math.floor(Math.random() * START_SPREAD_MS),
      );
    }
  }

  private async reconcileOccasionally(): Promise<void> {
    const gate = await this.redis.client.set(
      this.redis.key('schedule', 'reconciled'),
      '1',
      'EX',
      RECONCILE_EVERY_SECONDS,
      'NX',
    );
    if (gate === 'OK') {
      await this.reconcile();
    }
  }
}
