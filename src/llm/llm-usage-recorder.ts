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

/** UTC day as YYYY-MM-DD: usage days and the daily budget follow UTC. */
function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
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
    await this.dataSource.query(
      `INSERT INTO llm_usage
         (day, bot_id, model, calls, failures, prompt_tokens, completion_tokens, estimated_cost_usd, updated_at)
       VALUES ($1, $2, $3, 1, $4, $5, $6, $7, now())
       ON CONFLICT (day, (COALESCE(bot_id, 0)), model) DO UPDATE SET
         calls = llm_usage.calls + EXCLUDED.calls,
         failures = llm_usage.failures + EXCLUDED.failures,
         prompt_tokens = llm_usage.prompt_tokens + EXCLUDED.prompt_tokens,
         completion_tokens = llm_usage.completion_tokens + EXCLUDED.completion_tokens,
         estimated_cost_usd = llm_usage.estimated_cost_usd + EXCLUDED.estimated_cost_usd,
         updated_at = now()`,
      [
        utcDay(this.now()),
        entry.botId,
        entry.model,
        entry.failed ? 1 : 0,
        entry.promptTokens,
        entry.completionTokens,
        entry.costUsd,
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
