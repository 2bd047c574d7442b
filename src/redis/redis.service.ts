import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptions, RedisRole } from './redis-connection-options';

export const REDIS_ROLE = Symbol('REDIS_ROLE');

/**
 * The process' Redis connections (besides BullMQ's own): one command connection, lazily created
 * subscriber connections, and the key naming every module uses so that all keys of a deployment
 * share REDIS_PREFIX.
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private readonly extra: Redis[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(REDIS_ROLE) private readonly role: RedisRole,
  ) {
    // A worker's many concurrent jobs send their commands in the same tick: auto-pipelining
    // writes those in one socket write (one syscall) instead of one each, and a write is a large
    // share of a command's cost on the client. Order per connection is kept. Not for the producer
    // role: its client is also BullMQ's connection in the API.
    this.client = this.connect('command', { enableAutoPipelining: role === 'worker' });
  }

  /** A namespaced key: key('limits', 'bot', 7) → "piyasa:limits:bot:7". */
  key(...parts: (string | number)[]): string {
    return [this.config.redis.prefix, ...parts].join(':');
  }

  /** A new dedicated connection (for SUBSCRIBE or blocking commands); closed with the module. */
  createConnection(name: string): Redis {
    const connection = this.connect(name);
    this.extra.push(connection);
    return connection;
  }

  /** Resolves true when Redis answers PING within the timeout. */
  async ping(timeoutMs = 1000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      return (await Promise.race([this.client.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * BullMQ needs `maxmemory-policy noeviction`: under memory pressure any other policy silently
   * deletes queue keys (lost jobs, broken locks). Read from INFO, which managed Redis allows even
   * when CONFIG is disabled.
   */
  async warnIfEvictionPolicyUnsafe(): Promise<void> {
    try {
      const info = await this.client.info('memory');
      const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1];
      if (policy && policy !== 'noeviction') {
        this.logger.warn(
          `Redis maxmemory-policy is "${policy}"; BullMQ requires "noeviction" or queued jobs may be ` +
            'evicted. Fix: redis-server --maxmemory-policy noeviction (or CONFIG SET maxmemory-policy noeviction).',
        );
      }
    } catch (error) {
      this.logger.warn(`Could not read Redis maxmemory-policy: ${(error as Error).message}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      [this.client, ...this.extra].map((c) => c.quit().catch(() => c.disconnect())),
    );
  }

  private connect(name: string, extra: RedisOptions = {}): Redis {
    const connection = new Redis(this.config.redis.url, {
      ...redisOptions(this.role),
      ...extra,
      connectionName: `${this.config.redis.prefix}:${name}`,
    });
    // Without a listener ioredis prints every reconnect error; keep one line per failure type.
    let lastError = '';
    connection.on('error', (error: Error) => {
      if (error.message !== lastError) {
        lastError = error.message;
        this.logger.warn(`Redis connection "${name}": ${error.message}`);
      }
    });
    connection.on('ready', () => {
      lastError = '';
    });
    return connection;
  }
}
