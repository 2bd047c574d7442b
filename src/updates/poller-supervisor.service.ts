import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { Bot, BotStatus } from '../bots/entities/bot.entity';
import { BotTransports } from '../engine/send/bot-transports.service';
import { TokenRefusals } from '../engine/send/token-refusals.service';
import { RedisService } from '../redis/redis.service';
import { WORKER_ID } from '../worker/worker-identity';
import { BotPoller } from './bot-poller';
import { PollerLease } from './poller-lease';
import { UpdateIntake } from './update-intake.service';

/** How often bots are re-read (new, disabled, token changed) and free leases are tried. */
const SUPERVISE_EVERY_MS = 5000;
/**
 * Long-poll wait; the lease outlives one poll by a wide margin and is renewed before each. An
 * update still arrives at once (Telegram answers a long poll as soon as there is one); the wait
 * only sets how often an idle bot asks again: 1,000 idle bots cost 50 requests a second at 20 s,
 * 100 at 10 s.
 */
const POLL_TIMEOUT_SECONDS = 20;
const LEASE_MS = 30_000;
const BACKOFF_MS = 3000;

export interface PollerSupervisorTiming {
  pollTimeoutSeconds: number;
  leaseMs: number;
  backoffMs: number;
}

/**
 * Runs one long-polling loop per enabled bot with a real token (SPEC 7.9), at most one per bot
 * across all worker replicas (PollerLease). Mode rule, kept simple: a bot polls unless a webhook
 * is registered for it (bots.webhook_secret_hash set through POST /bots/{id}/webhook, cleared by
 * DELETE); sandbox bots have nothing to poll.
 */
@Injectable()
export class PollerSupervisor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PollerSupervisor.name);
  private readonly pollers = new Map<number, { poller: BotPoller; fingerprint: string }>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  timing: PollerSupervisorTiming = {
    pollTimeoutSeconds: POLL_TIMEOUT_SECONDS,
    leaseMs: LEASE_MS,
    backoffMs: BACKOFF_MS,
  };
  holder = WORKER_ID;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly transports: BotTransports,
    private readonly intake: UpdateIntake,
    private readonly redis: RedisService,
    private readonly tokenRefusals: TokenRefusals,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.superviseOnce(), SUPERVISE_EVERY_MS);
    void this.superviseOnce();
  }

  /** Before the Redis connection closes: pollers release their leases on the way out. */
  async onModuleDestroy(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.running;
    await Promise.all([...this.pollers.values()].map((p) => p.poller.stop()));
    this.pollers.clear();
  }

  /** Bot ids this process polls right now. */
  polling(): number[] {
    return [...this.pollers.keys()];
  }

  /** One reconciliation pass (serialized: a slow pass is never overlapped by the next). */
  superviseOnce(): Promise<void> {
    this.running ??= this.supervise()
      .catch((error: unknown) => this.logger.error(`poller supervision failed: ${String(error)}`))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async supervise(): Promise<void> {
    // Only what polling needs: every bot is read every few seconds, and the persona columns
    // (JSON) would be parsed each time for nothing.
    const bots = await this.ds.getRepository(Bot).find({
      select: {
        id: true,
        name: true,
        tokenCiphertext: true,
        tokenFingerprint: true,
        webhookSecretHash: true,
      },
      // A bot in error had its token refused: it polls again once a new token clears the status.
      where: { isEnabled: true, status: Not(BotStatus.Error), tokenCiphertext: Not(IsNull()) },
    });
    const wanted = new Map(bots.filter((b) => !this.usesWebhook(b)).map((b) => [b.id, b] as const));
    for (const [botId, entry] of this.pollers) {
      const bot = wanted.get(botId);
      if (!bot || bot.tokenFingerprint !== entry.fingerprint) {
        this.pollers.delete(botId);
        await entry.poller.stop();
      }
    }
    for (const bot of wanted.values()) {
      if (this.pollers.has(bot.id)) {
        continue;
      }
      const lease = new PollerLease(this.redis, bot.id, this.holder, this.timing.leaseMs);
      if (!(await lease.acquire())) {
        continue;
      }
      const poller = new BotPoller({
        botId: bot.id,
        transport: this.transports.forBot(bot),
        lease,
        redis: this.redis,
        accept: (botId, update) => this.intake.accept(botId, update),
        pollTimeoutSeconds: this.timing.pollTimeoutSeconds,
        backoffMs: this.timing.backoffMs,
        stillPolling: async () =>
          this.ds
            .getRepository(Bot)
            .existsBy({ id: bot.id, isEnabled: true, webhookSecretHash: IsNull() }),
        onEnd: (botId, reason) => {
          if (this.pollers.get(botId)?.poller === poller) {
            this.pollers.delete(botId);
            void lease.release();
          }
          if (reason !== 'stopped' && reason !== 'no_longer_polling') {
            this.logger.warn(`poller of bot ${botId} ended: ${reason}`);
          }
          if (reason === 'unauthorized') {
            void this.tokenRefusals
              .mark(botId)
              .catch((error: unknown) =>
                this.logger.error(`bot ${botId} not marked as refused: ${String(error)}`),
              );
          }
        },
      });
      this.pollers.set(bot.id, { poller, fingerprint: bot.tokenFingerprint ?? '' });
      poller.start();
      this.logger.log(`polling updates of bot ${bot.id}`);
    }
  }

  private usesWebhook(bot: Bot): boolean {
    return bot.webhookSecretHash !== null;
  }
}
