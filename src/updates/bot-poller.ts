import { Logger } from '@nestjs/common';
import { RedisService } from '../redis/redis.service';
import { TelegramError, TelegramErrorKind } from '../telegram/telegram-error';
import { TelegramTransport, TelegramUpdate } from '../telegram/telegram-transport';
import { PollerLease } from './poller-lease';

export interface BotPollerOptions {
  botId: number;
  transport: TelegramTransport;
  lease: PollerLease;
  redis: RedisService;
  /** Hands one update over (store + enqueue); must succeed before the offset moves past it. */
  accept: (botId: number, update: TelegramUpdate) => Promise<void>;
  pollTimeoutSeconds: number;
  /** Waited after an error (409 conflict, network) before polling again. */
  backoffMs: number;
  /** Called once when the loop ends (lease lost, token revoked, stopped). */
  onEnd: (botId: number, reason: string) => void;
  /**
   * Whether the bot is still in polling mode (no webhook registered through the API). Asked when
   * Telegram refuses getUpdates because a webhook is set: a webhook we did not register (left
   * over from elsewhere) is deleted, one we did means the bot is switching to webhook mode.
   */
  stillPolling: () => Promise<boolean>;
}

/**
 * One bot's long-polling loop. The offset lives in Redis and moves only after the updates before
 * it were accepted, so a restart (or another replica taking the lease over) neither loses nor
 * re-reads updates; an update accepted twice anyway (crash between accept and offset) is
 * deduplicated by its job id.
 */
export class BotPoller {
  private readonly logger = new Logger(BotPoller.name);
  private readonly abort = new AbortController();
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: BotPollerOptions) {}

  private get offsetKey(): string {
    return this.options.redis.key('updates', 'offset', this.options.botId);
  }

  start(): void {
    this.loop = this.run().then(
      (reason) => this.options.onEnd(this.options.botId, reason),
      (error: unknown) => {
        this.logger.error(`poller of bot ${this.options.botId} crashed: ${String(error)}`);
        this.options.onEnd(this.options.botId, 'crashed');
      },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
    // A lease left behind only delays a takeover until it expires.
    await this.options.lease.release().catch(() => undefined);
  }

  private async run(): Promise<string> {
    const { botId, transport, lease, redis } = this.options;
    while (!this.stopped) {
      // Issued together, so that the auto-pipelined connection sends them in one write; the
      // offset is used only if the lease is still ours.
      const [renewed, storedOffset] = await Promise.all([
        lease.renew(),
        redis.client.get(this.offsetKey),
      ]);
      if (!renewed) {
        return 'lease_lost';
      }
      const offset = Number(storedOffset ?? 0);
      let updates: TelegramUpdate[];
      try {
        updates = await transport.getUpdates(
          offset,
          this.options.pollTimeoutSeconds,
          ['message'],
          this.abort.signal,
        );
      } catch (error) {
        if (this.stopped) {
          break;
        }
        const kind = error instanceof TelegramError ? error.kind : 'unknown';
        if (kind === TelegramErrorKind.Unauthorized) {
          return 'unauthorized';
        }
        if (kind === TelegramErrorKind.Conflict && isWebhookActive(error)) {
          if (!(await this.options.stillPolling())) {
            return 'no_longer_polling';
          }
          this.logger.warn(`bot ${botId} polls but Telegram has a webhook set: deleting it`);
          await transport
            .deleteWebhook({ dropPendingUpdates: false })
            .catch(() => this.sleep(this.options.backoffMs));
          continue;
        }
        // 409: another process polls this token (outside our lease).
        this.logger.warn(`getUpdates of bot ${botId} failed (${kind}); retrying`);
        await this.sleep(this.options.backoffMs);
        continue;
      }
      for (const update of updates) {
        await this.options.accept(botId, update);
        await redis.client.set(this.offsetKey, String(update.update_id + 1));
      }
    }
    return 'stopped';
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Telegram's 409 for getUpdates while a webhook is set (not the one for a second poller). */
function isWebhookActive(error: unknown): boolean {
  return error instanceof TelegramError && /webhook/i.test(error.description ?? error.message);
}
