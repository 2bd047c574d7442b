import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Which process a registry belongs to (a constant label on every series). */
export type ProcessRole = 'api' | 'worker';

/** One queue's counts as read from BullMQ at scrape time. */
export interface QueueStats {
  queue: string;
  counts: Record<QueueJobState, number>;
  /** Age in seconds of the oldest job waiting to start (0 when none waits). */
  oldestWaitingAgeSeconds: number;
}

export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

/** Where queue stats come from; set by the queue collector of the process. */
export type QueueStatsSource = () => Promise<QueueStats[]>;

/**
 * Labels that come from code paths outside this file (a message's stop reason, an LLM outcome)
 * are squeezed into a short snake_case word, so a free-text reason can never explode the series
 * count or leak text into Prometheus.
 */
export function boundedLabel(value: string | null | undefined, fallback = 'none'): string {
  if (value === null || value === undefined || value === '') {
    return fallback;
  }
  const word = /^[a-z][a-z0-9_]{0,39}$/i.exec(value.split(/[\s:]/)[0] ?? '')?.[0];
  return word ? word.toLowerCase() : 'other';
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SLOW_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60, 120];
const WAIT_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900];

/** A cached view of queue stats so the two queue gauges of one scrape read BullMQ once. */
const QUEUE_STATS_TTL_MS = 1000;
/** A scrape never waits longer than this for Redis; stale gauges are dropped instead. */
const QUEUE_STATS_TIMEOUT_MS = 1500;

/**
 * Every Prometheus series of piyasa, defined once (names prefixed `piyasa_`), with the typed
 * methods the API, the engine and the workers call. One instance per process (a fresh Registry,
 * so several apps in one test process never collide). The Grafana dashboard and alert rules in
 * docker/ may only use names registered here — a test checks it.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private queueStatsSource?: QueueStatsSource;
  private queueStatsCache?: { at: number; value: Promise<QueueStats[]> };

  // --- API -------------------------------------------------------------------------------
  private readonly httpRequests = new Counter({
    name: 'piyasa_http_requests_total',
    help: 'HTTP requests answered by the API, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'piyasa_http_request_duration_seconds',
    help: 'Time from request to response, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly authFailures = new Counter({
    name: 'piyasa_auth_failures_total',
    help: 'Refused authentications and authorisations, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly websocketClients = new Gauge({
    name: 'piyasa_websocket_clients',
    help: 'Dashboard WebSocket clients connected to this API replica.',
    registers: [this.registry],
  });

  // --- messages and turns ----------------------------------------------------------------
  private readonly messages = new Counter({
    name: 'piyasa_messages_total',
    help: 'Bot messages that reached a final state (sent, failed, skipped, unknown), by reason.',
    labelNames: ['state', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly generationSeconds = new Histogram({
    name: 'piyasa_message_generation_seconds',
    help: 'Time to generate one message (prompt, LLM, post-processing, checks), by model.',
    labelNames: ['model'] as const,
    buckets: SLOW_BUCKETS,
    registers: [this.registry],
  });
  private readonly sendSeconds = new Histogram({
    name: 'piyasa_message_send_seconds',
    help: 'Time of one delivery to Telegram (typing excluded), by message kind.',
    labelNames: ['kind'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly turnLag = new Histogram({
    name: 'piyasa_turn_lag_seconds',
    help: 'How late a turn started compared with the time it was due.',
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });

  // --- LLM ---------------------------------------------------------------------------------
  private readonly llmCalls = new Counter({
    name: 'piyasa_llm_calls_total',
    help: 'LLM requests, by model and outcome (ok, error, timeout, rate_limited, circuit_open).',
    labelNames: ['model', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly llmSeconds = new Histogram({
    name: 'piyasa_llm_call_seconds',
    help: 'Duration of one LLM request, by model.',
    labelNames: ['model'] as const,
    buckets: SLOW_BUCKETS,
    registers: [this.registry],
  });
  private readonly llmTokens = new Counter({
    name: 'piyasa_llm_tokens_total',
    help: 'LLM tokens used, by model and kind (prompt, completion).',
    labelNames: ['model', 'kind'] as const,
    registers: [this.registry],
  });
  private readonly llmCost = new Counter({
    name: 'piyasa_llm_cost_usd_total',
    help: 'Estimated LLM spend in US dollars, by model.',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });

  // --- Telegram and limits -----------------------------------------------------------------
  private readonly telegramCalls = new Counter({
    name: 'piyasa_telegram_calls_total',
    help: 'Telegram Bot API calls, by method and status (HTTP code, "network" or "timeout").',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly telegram429 = new Counter({
    name: 'piyasa_telegram_rate_limited_total',
    help: 'Telegram 429 answers, by method.',
    labelNames: ['method'] as const,
    registers: [this.registry],
  });
  private readonly telegramRetryAfter = new Histogram({
    name: 'piyasa_telegram_retry_after_seconds',
    help: 'retry_after announced by Telegram 429 answers, by method.',
    labelNames: ['method'] as const,
    buckets: [1, 2, 5, 10, 20, 30, 60, 120, 300],
    registers: [this.registry],
  });
  private readonly limiterWaits = new Counter({
    name: 'piyasa_limiter_waits_total',
    help: 'Sends held back by a limit (global, chat, bot, telegram_global…), by limit.',
    labelNames: ['limit'] as const,
    registers: [this.registry],
  });
  private readonly limiterWaitSeconds = new Histogram({
    name: 'piyasa_limiter_wait_seconds',
    help: 'How long a send was held back by a limit, by limit.',
    labelNames: ['limit'] as const,
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });

  // --- jobs and queues ---------------------------------------------------------------------
  private readonly jobs = new Counter({
    name: 'piyasa_jobs_total',
    help: 'Jobs processed by this worker, by queue, job name and outcome (done, skipped, delayed, failed).',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly jobSeconds = new Histogram({
    name: 'piyasa_job_duration_seconds',
    help: 'Processing time of one job, by queue and job name.',
    labelNames: ['queue', 'job'] as const,
    buckets: SLOW_BUCKETS,
    registers: [this.registry],
  });
  private readonly retentionDeleted = new Counter({
    name: 'piyasa_retention_deleted_messages_total',
    help: 'Messages deleted by the retention job (message_retention_days).',
    registers: [this.registry],
  });
  private readonly queueJobs = new Gauge({
    name: 'piyasa_queue_jobs',
    help: 'Jobs in each BullMQ queue by state, read from Redis at scrape time.',
    labelNames: ['queue', 'state'] as const,
    registers: [this.registry],
    collect: async () => {
      const stats = await this.readQueueStats();
      this.queueJobs.reset();
      for (const s of stats) {
        for (const state of QUEUE_JOB_STATES) {
          this.queueJobs.set({ queue: s.queue, state }, s.counts[state]);
        }
      }
    },
  });
  private readonly queueOldestAge = new Gauge({
    name: 'piyasa_queue_oldest_waiting_age_seconds',
    help: 'Age of the oldest job waiting to start in each queue, read at scrape time.',
    labelNames: ['queue'] as const,
    registers: [this.registry],
    collect: async () => {
      const stats = await this.readQueueStats();
      this.queueOldestAge.reset();
      for (const s of stats) {
        this.queueOldestAge.set({ queue: s.queue }, s.oldestWaitingAgeSeconds);
      }
    },
  });
  private readonly info = new Gauge({
    name: 'piyasa_process_info',
    help: 'Always 1; labels tell the process role and the application version.',
    labelNames: ['role', 'version'] as const,
    registers: [this.registry],
  });

  /** Sets the constant labels and starts Node's default process metrics. */
  init(role: ProcessRole, version: string): void {
    this.registry.setDefaultLabels({ role });
    this.info.set({ role, version }, 1);
    collectDefaultMetrics({ register: this.registry });
  }

  /** Prometheus text exposition of every series. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** Names of every registered series (the deploy-files test compares dashboards with it). */
  names(): string[] {
    return this.registry.getMetricsAsArray().map((m) => m.name);
  }

  setQueueStatsSource(source: QueueStatsSource): void {
    this.queueStatsSource = source;
    this.queueStatsCache = undefined;
  }

  // --- typed accessors -----------------------------------------------------------------------

  httpRequest(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route }, seconds);
  }

  /** reason: unauthorized, forbidden, bad_credentials, locked_out, metrics_token, … */
  authFailure(reason: string): void {
    this.authFailures.inc({ reason: boundedLabel(reason) });
  }

  websocketConnected(): void {
    this.websocketClients.inc();
  }

  websocketDisconnected(): void {
    this.websocketClients.dec();
  }

  /** A bot message reached a final state; `reason` is its machine-readable stop code. */
  messageFinished(state: 'sent' | 'failed' | 'skipped' | 'unknown', reason?: string | null): void {
    this.messages.inc({ state, reason: boundedLabel(reason) });
  }

  messageGenerated(model: string, seconds: number): void {
    this.generationSeconds.observe({ model: boundedModel(model) }, seconds);
  }

  messageSent(kind: 'text' | 'reaction', seconds: number): void {
    this.sendSeconds.observe({ kind }, seconds);
  }

  turnStarted(lagSeconds: number): void {
    this.turnLag.observe(Math.max(0, lagSeconds));
  }

  llmCall(call: {
    model: string;
    outcome: 'ok' | 'error' | 'timeout' | 'rate_limited' | 'circuit_open';
    seconds?: number;
    promptTokens?: number;
    completionTokens?: number;
    costUsd?: number;
  }): void {
    const model = boundedModel(call.model);
    this.llmCalls.inc({ model, outcome: call.outcome });
    if (call.seconds !== undefined) {
      this.llmSeconds.observe({ model }, call.seconds);
    }
    if (call.promptTokens) {
      this.llmTokens.inc({ model, kind: 'prompt' }, call.promptTokens);
    }
    if (call.completionTokens) {
      this.llmTokens.inc({ model, kind: 'completion' }, call.completionTokens);
    }
    if (call.costUsd) {
      this.llmCost.inc({ model }, call.costUsd);
    }
  }

  /** status: the HTTP status code, or "network" / "timeout" when no answer came back. */
  telegramCall(method: string, status: number | 'network' | 'timeout'): void {
    this.telegramCalls.inc({ method: boundedMethod(method), status: String(status) });
  }

  telegramRateLimited(method: string, retryAfterSeconds: number): void {
    const label = { method: boundedMethod(method) };
    this.telegram429.inc(label);
    this.telegramRetryAfter.observe(label, retryAfterSeconds);
  }

  limiterWait(limit: string, seconds: number): void {
    const label = { limit: boundedLabel(limit) };
    this.limiterWaits.inc(label);
    this.limiterWaitSeconds.observe(label, seconds);
  }

  jobProcessed(
    queue: string,
    job: string,
    outcome: 'done' | 'skipped' | 'delayed' | 'failed',
    seconds: number,
  ): void {
    this.jobs.inc({ queue, job, outcome });
    this.jobSeconds.observe({ queue, job }, seconds);
  }

  retentionDeletedMessages(count: number): void {
    this.retentionDeleted.inc(count);
  }

  private readQueueStats(): Promise<QueueStats[]> {
    const source = this.queueStatsSource;
    if (!source) {
      return Promise.resolve([]);
    }
    const now = Date.now();
    if (!this.queueStatsCache || now - this.queueStatsCache.at > QUEUE_STATS_TTL_MS) {
      this.queueStatsCache = { at: now, value: withTimeout(source(), QUEUE_STATS_TIMEOUT_MS) };
    }
    return this.queueStatsCache.value;
  }
}

/** Telegram method names are camelCase API words (sendMessage); anything else is "other". */
function boundedMethod(method: string): string {
  return /^[A-Za-z]{1,40}$/.test(method) ? method : 'other';
}

/** Model names are configuration, but a per-bot override could be anything: keep it short. */
function boundedModel(model: string): string {
  return /^[\w.:/-]{1,60}$/.test(model) ? model : 'other';
}

/** Queue stats that do not arrive in time count as "no data" (gauges dropped), not an error. */
async function withTimeout(work: Promise<QueueStats[]>, ms: number): Promise<QueueStats[]> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<QueueStats[]>((resolve) => {
    timer = setTimeout(() => resolve([]), ms);
  });
  try {
    return await Promise.race([work.catch(() => []), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
