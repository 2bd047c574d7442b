import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Chat } from '../../chats/entities/chat.entity';
import { jobIds, JobResult } from '../../queue/job-definitions';
import { JobProducer } from '../../queue/job-producer.service';
import { RedisService } from '../../redis/redis.service';
import { SettingsReader } from '../../settings/settings-reader.service';
import { ChatSchedule } from './chat-schedule.service';

/** How often (at most, fleet-wide) the schedule is reconciled with the enabled chats. */
const RECONCILE_EVERY_SECONDS = 15;
/** Chats claimed per claim: more are picked up by the next claim a moment later. */
const MAX_CLAIMS_PER_SCAN = 500;
/** New chats start within this spread, so a fleet start does not speak all at once. */
const START_SPREAD_MS = 10_000;
/**
 * Within one tick, due chats are claimed this often: it bounds the scheduling lag (ADR 0002). A
 * claim is one small Lua call, so 20 a second cost Redis next to nothing.
 */
export const CLAIM_EVERY_MS = 50;

/**
 * The tick (ADR 0002): claims the chats whose turn is due and enqueues one turn job each with a
 * deterministic id, so no two replicas can start the same turn. The claim's lease outlasts the
 * slowest possible turn (LLM timeout × attempts), after which an unfinished chat is due again.
 *
 * One tick job runs for about the tick interval and claims every CLAIM_EVERY_MS meanwhile: the
 * job scheduler's one-second cadence would otherwise make turns wait up to a second past their
 * time. Two ticks overlapping (a slow one on one replica, the next on another) are harmless: the
 * claim is atomic.
 */
@Injectable()
export class TurnScheduler {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly schedule: ChatSchedule,
    private readonly producer: JobProducer,
    private readonly redis: RedisService,
    private readonly settings: SettingsReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get leaseMs(): number {
    return this.config.llm.timeoutMs * 6 + 60_000;
  }

  /** Claims due chats until `windowMs` has passed (0: one claim only). */
  async tick(windowMs = 0): Promise<JobResult> {
    const settings = await this.settings.get();
    if (!settings.simulation_active) {
      return { status: 'skipped', reason: 'simulation_stopped' };
    }
    await this.reconcileOccasionally();
    const until = Date.now() + windowMs;
    let claimed = 0;
    let maxLagMs = 0;
    for (;;) {
      const scan = await this.claimAndEnqueue();
      claimed += scan.claimed;
      maxLagMs = Math.max(maxLagMs, scan.maxLagMs);
      const left = until - Date.now();
      if (left <= 0) {
        break;
      }
      // A full batch means more chats are due right now: claim again at once.
      if (scan.claimed < MAX_CLAIMS_PER_SCAN) {
        await sleep(Math.min(CLAIM_EVERY_MS, left));
      }
    }
    return { status: 'done', claimed, max_lag_ms: maxLagMs };
  }

  private async claimAndEnqueue(): Promise<{ claimed: number; maxLagMs: number }> {
    const claimed = await this.schedule.claimDue(this.leaseMs, MAX_CLAIMS_PER_SCAN);
    const now = Date.now();
    await this.producer.enqueueMany(
      'turn.run',
      claimed.map((chat) => ({
        payload: { chatDbId: chat.chatDbId, reason: 'scheduled' as const },
        options: { jobId: jobIds.turn(chat.chatDbId, chat.dueAt) },
      })),
    );
    return {
      claimed: claimed.length,
      maxLagMs: claimed.reduce((max, chat) => Math.max(max, now - chat.dueAt), 0),
    };
  }

  /** Adds enabled chats to the schedule and drops disabled or deleted ones. */
  async reconcile(): Promise<void> {
    const enabled = (
      await this.ds.getRepository(Chat).find({ select: { id: true }, where: { isEnabled: true } })
    ).map((c) => c.id);
    const enabledSet = new Set(enabled);
    const scheduled = new Set(await this.schedule.scheduledChats());
    await this.schedule.unschedule([...scheduled].filter((id) => !enabledSet.has(id)));
    const now = Date.now();
    await this.schedule.ensureScheduled(
      enabled
        .filter((id) => !scheduled.has(id))
        .map((id) => ({ chatDbId: id, at: now + Math.floor(Math.random() * START_SPREAD_MS) })),
    );
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
