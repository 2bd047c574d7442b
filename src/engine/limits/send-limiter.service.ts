import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RedisService } from '../../redis/redis.service';
import { LuaScript } from '../../redis/lua-script';
import { TELEGRAM_LIMIT_WINDOWS } from '../limits-math';
import { ADMIT_SCRIPT } from './send-limiter.lua';
import { Admission, LimitName, SendLimits } from './send-limits';

const BLOCKED_BY: Record<number, LimitName> = {
  1: 'global_per_minute',
  2: 'bot_per_hour',
  3: 'bot_chat_per_minute',
  4: 'chat_per_second',
  5: 'token_per_second',
  6: 'bot_paused',
  7: 'chat_paused',
};

type AdmitReply = [0 | 1, number?, number?];

const admitScript = new LuaScript(ADMIT_SCRIPT);

/**
 * Distributed admission control for Telegram calls (SPEC 7.6, ADR 0002). Every limit is checked
 * and recorded by one Lua script, so it holds for any number of worker replicas. All keys share
 * the `{lim}` hash tag, so the script also works on a Redis Cluster.
 */
@Injectable()
export class SendLimiter {
  constructor(private readonly redis: RedisService) {}

  /** Admission for one message of `botId` in `chatDbId`. */
  admitMessage(
    botId: number,
    chatDbId: number,
    limits: SendLimits,
    member: string,
  ): Promise<Admission> {
    return this.admit(botId, chatDbId, limits, member, 'message');
  }

  /** Admission for another call of the bot's token (typing, reaction): token limit and pauses. */
  admitRequest(botId: number, chatDbId: number, limits: SendLimits): Promise<Admission> {
    return this.admit(botId, chatDbId, limits, randomUUID(), 'request');
  }

  /** Telegram said 429: nothing for this bot (and chat) until retry_after has passed. */
  async pause(botId: number, chatDbId: number | null, retryAfterMs: number): Promise<void> {
    const ms = Math.max(1, Math.ceil(retryAfterMs));
    await this.redis.client.set(this.key('pause', 'bot', botId), '1', 'PX', ms);
    if (chatDbId !== null) {
      await this.redis.client.set(this.key('pause', 'chat', chatDbId), '1', 'PX', ms);
    }
  }

  /**
   * What planning needs to know of each bot, read from the limiter's own windows so planning and
   * admission agree: messages admitted in the last hour, and until when a 429 pause holds it.
   */
  async botLoad(
    botIds: number[],
  ): Promise<Map<number, { lastHour: number; pausedUntil: Date | null }>> {
    const result = new Map<number, { lastHour: number; pausedUntil: Date | null }>();
    if (botIds.length === 0) {
      return result;
    }
    const pipeline = this.redis.client.pipeline();
    const since = Date.now() - 3_600_000;
    for (const id of botIds) {
      pipeline.zcount(this.key('bot', id, 'hour'), since, '+inf');
      pipeline.pttl(this.key('pause', 'bot', id));
    }
    const replies = (await pipeline.exec()) ?? [];
    botIds.forEach((id, i) => {
      const lastHour = Number(replies[2 * i]?.[1] ?? 0);
      const ttl = Number(replies[2 * i + 1]?.[1] ?? -2);
      result.set(id, { lastHour, pausedUntil: ttl > 0 ? new Date(Date.now() + ttl) : null });
    });
    return result;
  }

  private async admit(
    botId: number,
    chatDbId: number,
    limits: SendLimits,
    member: string,
    mode: 'message' | 'request',
  ): Promise<Admission> {
    const keys = [
      this.key('global'),
      this.key('bot', botId, 'hour'),
      this.key('botchat', botId, chatDbId),
      this.key('chat', chatDbId),
      this.key('token', botId),
      this.key('pause', 'bot', botId),
      this.key('pause', 'chat', chatDbId),
    ];
    const reply = (await admitScript.run(this.redis.client, keys, [
      member,
      limits.globalPerMinute,
      limits.botPerHour,
      limits.botChatPerMinute,
      limits.chatPerSecond,
      limits.tokenPerSecond,
      mode,
      TELEGRAM_LIMIT_WINDOWS.botPerChatPerMinute.windowMs,
      TELEGRAM_LIMIT_WINDOWS.chatPerSecond.windowMs,
      TELEGRAM_LIMIT_WINDOWS.tokenPerSecond.windowMs,
    ])) as AdmitReply;
    if (reply[0] === 1) {
      return { admitted: true };
    }
    return { admitted: false, retryAt: Number(reply[1]), blockedBy: BLOCKED_BY[Number(reply[2])] };
  }

  private key(...parts: (string | number)[]): string {
    return this.redis.key('{lim}', ...parts);
  }
}
