import { Logger } from '@nestjs/common';
import OpenAI from 'openai';
import { setTimeout as delay } from 'node:timers/promises';
import { REDACTED, redactSecrets } from '../common/logging/redact';
import { CircuitBreaker, CircuitState } from './circuit-breaker';
import { LlmError, LlmErrorKind } from './llm-error';
import { estimateCost } from './llm-pricing';
import { LlmCompletion, LlmCompletionRequest, LlmProvider } from './llm-provider';
import { BackoffOptions, backoffDelayMs } from './llm-retry-policy';
import { LlmUsageSink } from './llm-usage-recorder';
import { classifyOpenAiError } from './openai-error-classifier.util';
import { Semaphore } from './semaphore';

export interface OpenAiProviderOptions {
  /** LLM_BASE_URL: OpenAI or any compatible endpoint (Ollama, vLLM, LM Studio, Groq, OpenRouter). */
  baseUrl: string;
  apiKey: string;
  /** Default model (LLM_MODEL) for requests without a per-bot override. */
  model: string;
  /** LLM_FALLBACK_MODEL: tried once the requested model has failed. */
  fallbackModel?: string | null;
  /** LLM_TIMEOUT_MS: one request, not the whole retry sequence. */
  timeoutMs: number;
  /** Attempts per model (first try included). Default 3. */
  maxAttemptsPerModel?: number;
  backoff?: BackoffOptions;
  /** A Retry-After longer than this ends the attempts on the model instead of blocking a worker. */
  maxRetryAfterMs?: number;
  /** Concurrent requests from this process. Default 4. */
  concurrency?: number;
  /** One breaker per model: with per-bot models, one overloaded or retired model must not shed the others. */
  breaker?: { failureThreshold: number; cooldownMs: number };
  usage?: LlmUsageSink;
  /** Daily budget in USD (0: none); read per call so setting changes apply at once. */
  dailyBudgetUsd?: () => number | Promise<number>;
  logger?: { warn(message: string): void };
  /** Hook for metrics: every attempt outcome, retry, fallback and breaker transition. */
  onEvent?: (event: LlmProviderEvent) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** What the provider did, for counters and dashboards (no prompt text, no secrets). */
export type LlmProviderEvent =
  | { type: 'attempt'; model: string; outcome: 'ok' | LlmErrorKind; latencyMs: number }
  | { type: 'retry'; model: string; kind: LlmErrorKind; attempt: number; delayMs: number }
  | { type: 'fallback'; from: string; to: string; kind: LlmErrorKind }
  | { type: 'circuit'; model: string; state: CircuitState };

const DEFAULTS = {
  maxAttemptsPerModel: 3,
  backoff: { baseMs: 500, maxMs: 8000 },
  maxRetryAfterMs: 30_000,
  concurrency: 4,
  breaker: { failureThreshold: 5, cooldownMs: 30_000 },
};

/** Failures that say the model's endpoint is unhealthy (what its circuit breaker counts). */
const UNHEALTHY: ReadonlySet<LlmErrorKind> = new Set([
  LlmErrorKind.Timeout,
  LlmErrorKind.RateLimited,
  LlmErrorKind.ServerError,
]);

/**
 * Failures after which the fallback model is worth a try (not a bad key or the budget). An open
 * circuit is one: it is the requested model's, the fallback has a breaker of its own.
 */
const FALL_BACK_ON: ReadonlySet<LlmErrorKind> = new Set([
  LlmErrorKind.CircuitOpen,
  LlmErrorKind.Timeout,
  LlmErrorKind.RateLimited,
  LlmErrorKind.ServerError,
  LlmErrorKind.BadRequest,
  LlmErrorKind.EmptyOutput,
]);

/**
 * LlmProvider on the openai SDK against any OpenAI-compatible endpoint. The SDK's own retries are
 * off (maxRetries 0) so that retrying is bounded and visible here: per-request timeout, bounded
 * retries with backoff and jitter on 429/5xx/timeouts honouring Retry-After, then the fallback
 * model; a per-process concurrency cap; a circuit breaker per model that recovers; usage and cost recorded
 * per request.
 */
export class OpenAiProvider implements LlmProvider {
  private readonly client: OpenAI;
  private readonly breakers = new Map<string, CircuitBreaker>();
  /** The breaker state last reported per model, to emit transitions only. */
  private readonly reportedCircuitStates = new Map<string, CircuitState>();
  private readonly semaphore: Semaphore;
  private readonly logger: { warn(message: string): void };
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  /** Models already reported as unpriced (one warning per model per process). */
  private readonly unpricedWarned = new Set<string>();

  constructor(private readonly options: OpenAiProviderOptions) {
    this.client = new OpenAI({
      baseURL: options.baseUrl,
      // Local servers (Ollama, vLLM) need no key, but the SDK refuses an empty one.
      apiKey: options.apiKey || 'no-key',
      // A backstop only: each request also gets its own AbortSignal timeout.
      timeout: options.timeoutMs + 1000,
      maxRetries: 0,
    });
    this.now = options.now ?? Date.now;
    this.semaphore = new Semaphore(options.concurrency ?? DEFAULTS.concurrency);
    this.logger = options.logger ?? new Logger(OpenAiProvider.name);
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }));
    this.random = options.random ?? Math.random;
  }

  /** The circuit of `model` (default: the configured model). */
  circuitState(model: string = this.options.model): CircuitState {
    return this.breakers.get(model)?.state ?? 'closed';
  }

  async complete(request: LlmCompletionRequest): Promise<LlmCompletion> {
    await this.checkBudget();
    const primary = request.model ?? this.options.model;
    const fallback = this.options.fallbackModel;
    const models = fallback && fallback !== primary ? [primary, fallback] : [primary];
    let lastError: LlmError | undefined;
    for (const model of models) {
      try {
        return await this.completeWithModel(model, request);
      } catch (error) {
        if (!(error instanceof LlmError)) {
          throw error;
        }
        lastError = error;
        if (!FALL_BACK_ON.has(error.kind) || request.signal?.aborted) {
          throw error;
        }
      }
      if (model !== models[models.length - 1]) {
        this.logger.warn(`LLM ${model} failed (${lastError.kind}); falling back to ${models[1]}`);
        this.emit({ type: 'fallback', from: model, to: models[1], kind: lastError.kind });
      }
    }
    throw lastError ?? new LlmError(LlmErrorKind.ServerError, 'LLM: no model to call');
  }

  private async completeWithModel(
    model: string,
    request: LlmCompletionRequest,
  ): Promise<LlmCompletion> {
    const maxAttempts = this.options.maxAttemptsPerModel ?? DEFAULTS.maxAttemptsPerModel;
    const maxRetryAfterMs = this.options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.attempt(model, request);
      } catch (error) {
        if (
          !(error instanceof LlmError) ||
          !error.retryable ||
          request.signal?.aborted ||
          attempt >= maxAttempts
        ) {
          throw error;
        }
        if (error.retryAfterMs !== undefined && error.retryAfterMs > maxRetryAfterMs) {
          throw error;
        }
        const wait = Math.max(
          backoffDelayMs(attempt, this.options.backoff ?? DEFAULTS.backoff, this.random),
          error.retryAfterMs ?? 0,
        );
        this.logger.warn(
          `${error.message} [${error.kind}]; attempt ${attempt}/${maxAttempts}, retrying in ${wait} ms`,
        );
        this.emit({ type: 'retry', model, kind: error.kind, attempt, delayMs: wait });
        try {
          await this.sleep(wait, request.signal);
        } catch {
          throw new LlmError(LlmErrorKind.Timeout, `LLM ${model}: cancelled by the caller`, {
            model,
          });
        }
      }
    }
  }

  private async attempt(model: string, request: LlmCompletionRequest): Promise<LlmCompletion> {
    let release: () => void;
    try {
      release = await this.semaphore.acquire(request.signal);
    } catch {
      throw new LlmError(LlmErrorKind.Timeout, `LLM ${model}: cancelled by the caller`, { model });
    }
    try {
      const acquired = this.breakerOf(model).tryAcquire();
      this.noteCircuitState(model);
      if (!acquired) {
        throw new LlmError(
          LlmErrorKind.CircuitOpen,
          `LLM ${model}: circuit open after repeated failures of ${model} at ${this.options.baseUrl}; calls resume after the cool-down`,
          { model },
        );
      }
      return await this.call(model, request);
    } finally {
      release();
    }
  }

  private async call(model: string, request: LlmCompletionRequest): Promise<LlmCompletion> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const started = this.now();
    let response: OpenAI.Chat.Completions.ChatCompletion;
    try {
      response = await this.client.chat.completions.create(
        {
          model,
          messages: request.messages,
          temperature: request.temperature,
          max_tokens: request.max_tokens,
          top_p: request.top_p,
          frequency_penalty: request.frequency_penalty,
        },
        { signal },
      );
    } catch (error) {
      const cancelled = request.signal?.aborted ?? false;
      const failure = classifyOpenAiError(error, {
        model,
        timedOut: timeout.aborted,
        cancelled,
        now: this.now(),
        redact: (text) => this.redact(text),
      });
      if (!cancelled) {
        if (UNHEALTHY.has(failure.kind)) {
          this.breakerOf(model).recordFailure();
        } else {
          // The endpoint answered (a 4xx): it is up, whatever was wrong with the request.
          this.breakerOf(model).recordSuccess();
        }
        this.noteCircuitState(model);
      }
      this.emit({ type: 'attempt', model, outcome: failure.kind, latencyMs: this.now() - started });
      await this.recordUsage(request, model, 0, 0, true);
      throw failure;
    }
    this.breakerOf(model).recordSuccess();
    this.noteCircuitState(model);
    const latencyMs = this.now() - started;
    const choice = response.choices[0];
    const text = (choice?.message?.content ?? '').trim();
    const promptTokens = response.usage?.prompt_tokens ?? 0;
    const completionTokens = response.usage?.completion_tokens ?? 0;
    await this.recordUsage(request, model, promptTokens, completionTokens, text === '');
    this.emit({
      type: 'attempt',
      model,
      outcome: text === '' ? LlmErrorKind.EmptyOutput : 'ok',
      latencyMs,
    });
    if (text === '') {
      throw new LlmError(
        LlmErrorKind.EmptyOutput,
        `LLM ${model}: empty answer (finish_reason ${choice?.finish_reason ?? 'none'})`,
        { model },
      );
    }
    return {
      text,
      model,
      promptTokens,
      completionTokens,
      latencyMs,
      finishReason: choice?.finish_reason ?? null,
    };
  }

  private async checkBudget(): Promise<void> {
    const { usage, dailyBudgetUsd } = this.options;
    if (!usage || !dailyBudgetUsd) {
      return;
    }
    const budget = await dailyBudgetUsd();
    if (budget <= 0) {
      return;
    }
    let spent: number;
    try {
      spent = await usage.spentToday();
    } catch (error) {
      // The budget is an estimate; an unreadable total must not stop the simulation.
      this.logger.warn(`LLM budget check skipped: ${this.redact(String(error))}`);
      return;
    }
    if (spent >= budget) {
      throw new LlmError(
        LlmErrorKind.BudgetExceeded,
        `LLM daily budget spent: $${spent.toFixed(4)} of $${budget.toFixed(2)} (UTC day); raise llm_daily_budget_usd or wait for tomorrow`,
      );
    }
  }

  private async recordUsage(
    request: LlmCompletionRequest,
    model: string,
    promptTokens: number,
    completionTokens: number,
    failed: boolean,
  ): Promise<void> {
    if (!this.options.usage) {
      return;
    }
    const cost = estimateCost(model, promptTokens, completionTokens);
    if (!cost.priced && promptTokens + completionTokens > 0 && !this.unpricedWarned.has(model)) {
      this.unpricedWarned.add(model);
      this.logger.warn(
        `LLM model "${model}" is not in the price table: its usage is recorded with cost 0 and does not count towards the daily budget`,
      );
    }
    try {
      await this.options.usage.record({
        botId: request.botId ?? null,
        model,
        promptTokens,
        completionTokens,
        costUsd: cost.usd,
        failed,
      });
    } catch (error) {
      // Accounting must not fail a generated message.
      this.logger.warn(`LLM usage not recorded: ${this.redact(String(error))}`);
    }
  }

  private breakerOf(model: string): CircuitBreaker {
    let breaker = this.breakers.get(model);
    if (!breaker) {
      breaker = new CircuitBreaker({
        ...(this.options.breaker ?? DEFAULTS.breaker),
        now: this.now,
      });
      this.breakers.set(model, breaker);
    }
    return breaker;
  }

  /** Emits a circuit event when the model's breaker changed state since the last look. */
  private noteCircuitState(model: string): void {
    const state = this.circuitState(model);
    if (state !== (this.reportedCircuitStates.get(model) ?? 'closed')) {
      this.reportedCircuitStates.set(model, state);
      this.emit({ type: 'circuit', model, state });
    }
  }

  private emit(event: LlmProviderEvent): void {
    try {
      this.options.onEvent?.(event);
    } catch {
      // A broken metrics hook must not fail generation.
    }
  }

  private redact(text: string): string {
    const key = this.options.apiKey;
    return redactSecrets(key ? text.split(key).join(REDACTED) : text);
  }
}
