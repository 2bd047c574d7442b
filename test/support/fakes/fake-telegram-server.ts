import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { checkTelegramLimits, LimitViolation } from './telegram-limit-checker';

/** One request as the fake received it. */
export interface RecordedTelegramRequest {
  /** Date.now() on arrival. */
  at: number;
  token: string;
  method: string;
  params: Record<string, unknown>;
}

/** A message the fake accepted (sendMessage answered, or processed before a scripted hang). */
export interface FakeTelegramMessage {
  /** Date.now() when the fake accepted it (benchmarks measure latency up to here). */
  at: number;
  token: string;
  chatId: number | string;
  messageId: number;
  text: string;
  params: Record<string, unknown>;
}

/** A setMessageReaction the fake performed (answered, or processed before a scripted hang). */
export interface FakeTelegramReaction {
  token: string;
  chatId: number | string;
  messageId: number;
  reaction: unknown;
}

export type FakeTelegramFailure =
  | { kind: 'rate_limited'; retryAfter: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'forbidden'; description?: string }
  | { kind: 'unauthorized' }
  | { kind: 'migrated'; migrateToChatId: number }
  | { kind: 'chat_not_found' }
  | { kind: 'too_long' }
  | { kind: 'bad_request'; description: string }
  | { kind: 'conflict' }
  /** Answers normally after a delay. */
  | { kind: 'delay'; ms: number }
  /** Never answers (the client's timeout or stop() ends it). */
  | { kind: 'hang' }
  /** Performs the call (a sent message is stored) and then never answers: the ambiguous case. */
  | { kind: 'process_then_hang' }
  /** Drops the connection without an answer. */
  | { kind: 'reset' }
  /** Performs the call, then drops the connection. */
  | { kind: 'process_then_reset' };

interface ScriptedFailure {
  token?: string;
  method?: string;
  failure: FakeTelegramFailure;
  left: number;
}

interface FakeBot {
  id: number;
  username: string;
  firstName: string;
}

interface PendingPoll {
  offset: number;
  limit: number;
  finish: (status: number, body: unknown) => void;
}

interface ApiAnswer {
  status: number;
  body: unknown;
}

const ok = (result: unknown): ApiAnswer => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string, parameters?: object): ApiAnswer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters && { parameters }) },
});

/**
 * A Telegram Bot API server on 127.0.0.1 for tests: `/bot<token>/<method>` for the methods the
 * platform uses, every request recorded, failures scriptable per token and method, and a checker
 * of Telegram's flood limits over what was recorded. Point telegraf at `apiRoot`.
 */
export class FakeTelegramServer {
  readonly requests: RecordedTelegramRequest[] = [];
  readonly messages: FakeTelegramMessage[] = [];
  readonly reactions = new Map<string, unknown>();
  /** Every reaction call performed, in order (the map above keeps only the latest per message). */
  readonly reactionCalls: FakeTelegramReaction[] = [];
  readonly webhooks = new Map<string, { url: string; secretToken?: string }>();
  private readonly bots = new Map<string, FakeBot>();
  private readonly messageIds = new Map<string, number>();
  private readonly updates = new Map<string, { update_id: number }[]>();
  private readonly nextUpdateId = new Map<string, number>();
  private readonly polls = new Map<string, PendingPoll>();
  private readonly failures: ScriptedFailure[] = [];
  private readonly revoked = new Set<string>();
  /** Webhook deliveries made so far (POSTs of updates to the URL given to setWebhook). */
  readonly webhookDeliveries: {
    token: string;
    updateId: number;
    status: number | 'network_error';
  }[] = [];
  private readonly pendingDeliveries = new Set<Promise<void>>();
  private readonly deliveryChains = new Map<string, Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => this.handle(req, res));
  }

  static async start(): Promise<FakeTelegramServer> {
    const fake = new FakeTelegramServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** For TELEGRAM_API_ROOT / telegraf's apiRoot. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Overrides getMe for a token (default: id from the token, username bot<id>_bot). */
  registerBot(token: string, bot: Partial<FakeBot>): void {
    this.bots.set(token, { ...this.botFor(token), ...bot });
  }

  /** The next `times` requests matching token and method (any when omitted) fail as scripted. */
  failNext(options: {
    token?: string;
    method?: string;
    failure: FakeTelegramFailure;
    times?: number;
  }): void {
    this.failures.push({
      token: options.token,
      method: options.method,
      failure: options.failure,
      left: options.times ?? 1,
    });
  }

  /** Every later request with this token answers 401, like a token revoked in BotFather. */
  revokeToken(token: string): void {
    this.revoked.add(token);
  }

  /** Resolves when every webhook delivery started so far has finished. */
  async webhookIdle(): Promise<void> {
    while (this.pendingDeliveries.size > 0) {
      await Promise.all([...this.pendingDeliveries]);
    }
  }

  /** Queues an update for a bot (update_id assigned) and wakes its pending long poll. */
  pushUpdate(token: string, update: Record<string, unknown>): number {
    const id = this.nextUpdateId.get(token) ?? 1;
    this.nextUpdateId.set(token, id + 1);
    const queue = this.updates.get(token) ?? [];
    queue.push({ ...update, update_id: id });
    this.updates.set(token, queue);
    if (this.webhooks.has(token)) {
      this.deliver(token);
      return id;
    }
    const poll = this.polls.get(token);
    if (poll) {
      this.polls.delete(token);
      const available = this.takeUpdates(token, poll.offset, poll.limit);
      poll.finish(200, { ok: true, result: available });
    }
    return id;
  }

  /**
   * Like Telegram with a webhook set: POSTs pending updates in order, with the secret token header,
   * and drops each one the receiver acknowledged with a 2xx (the others wait for the next push).
   */
  private deliver(token: string): void {
    // One delivery run per token at a time, so an update is never POSTed twice concurrently.
    const previous = this.deliveryChains.get(token) ?? Promise.resolve();
    const delivery = previous.then(async () => {
      const webhook = this.webhooks.get(token);
      const queue = this.updates.get(token) ?? [];
      while (webhook && queue.length > 0) {
        const update = queue[0];
        let status: number | 'network_error';
        try {
          const response = await fetch(webhook.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(webhook.secretToken && {
                'x-telegram-bot-api-secret-token': webhook.secretToken,
              }),
            },
            body: JSON.stringify(update),
          });
          await response.arrayBuffer();
          status = response.status;
        } catch {
          status = 'network_error';
        }
        this.webhookDeliveries.push({ token, updateId: update.update_id, status });
        if (typeof status !== 'number' || status >= 300) {
          return;
        }
        queue.shift();
      }
    });
    this.deliveryChains.set(token, delivery);
    this.pendingDeliveries.add(delivery);
    void delivery.finally(() => this.pendingDeliveries.delete(delivery));
  }

  requestsFor(method: string, token?: string): RecordedTelegramRequest[] {
    return this.requests.filter(
      (r) => r.method === method && (token === undefined || r.token === token),
    );
  }

  /** Violations of Telegram's limits over everything recorded so far. */
  limitViolations(): LimitViolation[] {
    return checkTelegramLimits(this.requests);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
    for (const poll of this.polls.values()) {
      poll.finish(200, { ok: true, result: [] });
    }
    this.polls.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
      if (!match) {
        this.send(res, fail(404, 'Not Found'));
        return;
      }
      const [, token, method] = match;
      const params = this.parseParams(req, url, Buffer.concat(chunks).toString('utf8'));
      this.requests.push({ at: Date.now(), token, method, params });
      this.dispatch(token, method, params, req, res);
    });
  }

  private dispatch(
    token: string,
    method: string,
    params: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
  ): void {
    if (this.revoked.has(token)) {
      this.send(res, fail(401, 'Unauthorized'));
      return;
    }
    const failure = this.takeFailure(token, method);
    if (!failure) {
      this.answer(token, method, params, res);
      return;
    }
    switch (failure.kind) {
      case 'rate_limited':
        this.send(
          res,
          fail(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
            retry_after: failure.retryAfter,
          }),
        );
        return;
      case 'server_error':
        this.send(res, fail(failure.status ?? 500, 'Internal Server Error'));
        return;
      case 'forbidden':
        this.send(
          res,
          fail(403, failure.description ?? 'Forbidden: bot was kicked from the supergroup chat'),
        );
        return;
      case 'unauthorized':
        this.send(res, fail(401, 'Unauthorized'));
        return;
      case 'migrated':
        this.send(
          res,
          fail(400, 'Bad Request: group chat was upgraded to a supergroup chat', {
            migrate_to_chat_id: failure.migrateToChatId,
          }),
        );
        return;
      case 'chat_not_found':
        this.send(res, fail(400, 'Bad Request: chat not found'));
        return;
      case 'too_long':
        this.send(res, fail(400, 'Bad Request: message is too long'));
        return;
      case 'bad_request':
        this.send(res, fail(400, failure.description));
        return;
      case 'conflict':
        this.send(
          res,
          fail(
            409,
            'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
          ),
        );
        return;
      case 'delay': {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.answer(token, method, params, res);
        }, failure.ms);
        this.timers.add(timer);
        return;
      }
      case 'hang':
        return;
      case 'process_then_hang':
        this.perform(token, method, params);
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'process_then_reset':
        this.perform(token, method, params);
        req.socket.destroy();
        return;
    }
  }

  private answer(
    token: string,
    method: string,
    params: Record<string, unknown>,
    res: ServerResponse,
  ): void {
    if (method === 'getUpdates') {
      this.longPoll(token, params, res);
      return;
    }
    this.send(res, this.perform(token, method, params));
  }

  /** Does what Telegram would do for a call and returns its answer. */
  private perform(token: string, method: string, params: Record<string, unknown>): ApiAnswer {
    const bot = this.botFor(token);
    switch (method) {
      case 'getMe':
        return ok({ id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username });
      case 'sendMessage': {
        const text = typeof params.text === 'string' ? params.text : '';
        const chatId = params.chat_id;
        if (typeof chatId !== 'number' && typeof chatId !== 'string') {
          return fail(400, 'Bad Request: chat_id is empty');
        }
        if (text.trim() === '') {
          return fail(400, 'Bad Request: message text is empty');
        }
        if (text.length > 4096) {
          return fail(400, 'Bad Request: message is too long');
        }
        const messageId = (this.messageIds.get(String(chatId)) ?? 0) + 1;
        this.messageIds.set(String(chatId), messageId);
        this.messages.push({ at: Date.now(), token, chatId, messageId, text, params });
        return ok({
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(chatId), type: Number(chatId) < 0 ? 'supergroup' : 'private' },
          from: { id: bot.id, is_bot: true, first_name: bot.firstName, username: bot.username },
          text,
        });
      }
      case 'sendChatAction':
        return ok(true);
      case 'setMessageReaction':
        this.reactions.set(
          `${String(params.chat_id)}:${String(params.message_id)}`,
          params.reaction,
        );
        this.reactionCalls.push({
          token,
          chatId: params.chat_id as number | string,
          messageId: Number(params.message_id),
          reaction: params.reaction,
        });
        return ok(true);
      case 'setWebhook':
        this.webhooks.set(token, {
          url: String(params.url),
          secretToken: typeof params.secret_token === 'string' ? params.secret_token : undefined,
        });
        return ok(true);
      case 'deleteWebhook':
        this.webhooks.delete(token);
        if (params.drop_pending_updates === true) {
          this.updates.set(token, []);
        }
        return ok(true);
      default:
        return fail(404, 'Not Found: method not found');
    }
  }

  private longPoll(token: string, params: Record<string, unknown>, res: ServerResponse): void {
    if (this.webhooks.has(token)) {
      this.send(
        res,
        fail(
          409,
          "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
        ),
      );
      return;
    }
    // Like Telegram: a second poller for the same token terminates the first one.
    const previous = this.polls.get(token);
    if (previous) {
      this.polls.delete(token);
      previous.finish(409, {
        ok: false,
        error_code: 409,
        description:
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      });
    }
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100);
    const timeoutSeconds = Number(params.timeout ?? 0);
    const available = this.takeUpdates(token, offset, limit);
    if (available.length > 0 || timeoutSeconds <= 0) {
      this.send(res, ok(available));
      return;
    }
    const poll: PendingPoll = {
      offset,
      limit,
      finish: (status, body) => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.send(res, { status, body });
      },
    };
    this.polls.set(token, poll);
    const timer = setTimeout(() => {
      if (this.polls.get(token) === poll) {
        this.polls.delete(token);
      }
      poll.finish(200, { ok: true, result: [] });
    }, timeoutSeconds * 1000);
    this.timers.add(timer);
    // The response's close (not the request's, which fires once the body is read) means the
    // client went away.
    res.on('close', () => {
      if (this.polls.get(token) === poll) {
        this.polls.delete(token);
        clearTimeout(timer);
        this.timers.delete(timer);
      }
    });
  }

  /** Confirms (drops) updates below `offset` and returns the next ones, like Telegram. */
  private takeUpdates(token: string, offset: number, limit: number): { update_id: number }[] {
    const remaining = (this.updates.get(token) ?? []).filter((u) => u.update_id >= offset);
    this.updates.set(token, remaining);
    return remaining.slice(0, limit);
  }

  private takeFailure(token: string, method: string): FakeTelegramFailure | undefined {
    const index = this.failures.findIndex(
      (f) =>
        (f.token === undefined || f.token === token) &&
        (f.method === undefined || f.method === method),
    );
    if (index < 0) {
      return undefined;
    }
    const scripted = this.failures[index];
    scripted.left -= 1;
    if (scripted.left <= 0) {
      this.failures.splice(index, 1);
    }
    return scripted.failure;
  }

  private botFor(token: string): FakeBot {
    const known = this.bots.get(token);
    if (known) {
      return known;
    }
    const id = Number(token.split(':')[0]) || 1;
    return { id, username: `bot${id}_bot`, firstName: `Bot ${id}` };
  }

  private parseParams(req: IncomingMessage, url: URL, body: string): Record<string, unknown> {
    const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const type = req.headers['content-type'] ?? '';
    if (body && type.includes('application/json')) {
      Object.assign(params, JSON.parse(body) as Record<string, unknown>);
    } else if (body && type.includes('application/x-www-form-urlencoded')) {
      Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    }
    return params;
  }

  private send(res: ServerResponse, answer: ApiAnswer): void {
    if (res.writableEnded || res.destroyed) {
      return;
    }
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  }
}
