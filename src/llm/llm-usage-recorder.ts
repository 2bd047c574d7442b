import type { DataSource } from 'typeorm';

/** One LLM request's accounting. */
export interface LlmUsageEntry {
  botId: number | null;
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  /** The request failed (it still counts as a call; tokens only when the endpoint billed some). */
  failed: boolean;
}

/** Where the provider reports usage; LlmUsageRecorder in production, a stub in unit tests. */
export interface LlmUsageSink {
  record(entry: LlmUsageEntry): Promise<void>;
  /** Estimated spend of the current UTC day, all bots and models. */
  spentToday(): Promise<number>;
}

/** What llm_usage adds up for one (UTC day, bot, model). */
export interface LlmUsageTotal {
  day: string;
  botId: number | null;
  model: string;
  calls: number;
  failures: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** UTC day as YYYY-MM-DD: usage days and the daily budget follow UTC. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** One request's entry as a total of its day. */
export function usageTotal(day: string, entry: LlmUsageEntry): LlmUsageTotal {
  return {
    day,
    botId: entry.botId,
    model: entry.model,
    calls: 1,
    failures: entry.failed ? 1 : 0,
    promptTokens: entry.promptTokens,
    completionTokens: entry.completionTokens,
    costUsd: entry.costUsd,
  };
}

/** Adds `total` into `totals` under its (day, bot, model), the key of llm_usage's unique index. */
export function addUsage(totals: Map<string, LlmUsageTotal>, total: LlmUsageTotal): void {
  const key = `${total.day}|${total.botId ?? 0}|${total.model}`;
  const sum = totals.get(key);
  if (!sum) {
    totals.set(key, { ...total });
    return;
  }
  sum.calls += total.calls;
  sum.failures += total.failures;
  sum.promptTokens += total.promptTokens;
  sum.completionTokens += total.completionTokens;
  sum.costUsd += total.costUsd;
}

/**
 * Accumulates usage per (UTC day, bot, model) in llm_usage with one atomic upsert per request, so
 * any number of workers can record concurrently without read-modify-write races. The conflict
 * target matches the expression index UQ_llm_usage_day_bot_model (bot-less usage under bot 0).
 */
export class LlmUsageRecorder implements LlmUsageSink {
  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: LlmUsageEntry): Promise<void> {
    await this.recordTotals([usageTotal(utcDay(this.now()), entry)]);
  }

  /**
   * Adds many totals in one statement. Each (day, bot, model) at most once: one INSERT cannot
   * update the same row twice (addUsage merges them).
   */
  async recordTotals(totals: readonly LlmUsageTotal[]): Promise<void> {
    if (totals.length === 0) {
      return;
    }
    await this.dataSource.query(
      `INSERT INTO llm_usage
         (day, bot_id, model, calls, failures, prompt_tokens, completion_tokens, estimated_cost_usd, updated_at)
       SELECT t.day, t.bot_id, t.model, t.calls, t.failures, t.prompt_tokens, t.completion_tokens,
              t.cost, now()
         FROM unnest($1::date[], $2::int[], $3::varchar[], $4::int[], $5::int[], $6::bigint[],
                     $7::bigint[], $8::float8[])
           AS t(day, bot_id, model, calls, failures, prompt_tokens, completion_tokens, cost)
       ON CONFLICT (day, (COALESCE(bot_id, 0)), model) DO UPDATE SET
         calls = llm_usage.calls + EXCLUDED.calls,
         failures = llm_usage.failures + EXCLUDED.failures,
         prompt_tokens = llm_usage.prompt_tokens + EXCLUDED.prompt_tokens,
         completion_tokens = llm_usage.completion_tokens + EXCLUDED.completion_tokens,
         estimated_cost_usd = llm_usage.estimated_cost_usd + EXCLUDED.estimated_cost_usd,
         updated_at = now()`,
      [
        totals.map((t) => t.day),
        totals.map((t) => t.botId),
        totals.map((t) => t.model),
        totals.map((t) => t.calls),
        totals.map((t) => t.failures),
        totals.map((t) => t.promptTokens),
        totals.map((t) => t.completionTokens),
        totals.map((t) => t.costUsd),
      ],
    );
  }

  async spentToday(): Promise<number> {
    const rows: { spent: number | string | null }[] = await this.dataSource.query(
      'SELECT COALESCE(SUM(estimated_cost_usd), 0) AS spent FROM llm_usage WHERE day = $1',
      [utcDay(this.now())],
    );
    return Number(rows[0]?.spent ?? 0);
  }
}
