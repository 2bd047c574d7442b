/**
 * The engine benchmark's scenarios: how many workers, bots and chats, the fake LLM's latency and
 * the settings rows written before the workers start (everything else keeps its registry default,
 * SPEC §6). `scaling` (run.ts) repeats zero-latency with 1, 2 and 3 workers.
 */
export interface Scenario {
  /** One line for the table title and docs/performance.md. */
  description: string;
  workers: number;
  bots: number;
  chats: number;
  llmDelayMs: number;
  /** Default measurement window (--seconds overrides). */
  seconds: number;
  settings: Record<string, unknown>;
  /** Every bot's speed_profile (default: the bots' defaults). */
  botSpeedProfile?: Record<string, unknown>;
}

export type ScenarioName = 'zero-latency' | 'llm-2s' | 'realistic' | 'comparison';

/**
 * "Delays off": the shortest gaps a speed_profile allows (base 3 s × 0.1). With scale_factor 10
 * every chat's next turn is due after the 1 s floor (Telegram's one message per second per chat).
 */
const NO_DELAYS = { delay: { base_delay_seconds: 3, multiplier: 0.1, jitter: 0 } };

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'zero-latency': {
    description: 'throughput: zero-latency fakes, delays and typing off, limits raised',
    workers: 2,
    // Four bots per chat: Telegram allows a bot 20 messages a minute in one chat, so two bots
    // could not keep a chat at its one message per second. 250 chats: a chat speaks at most once
    // a second after its previous turn ended (about 1.35 s a cycle with zero-latency fakes), so
    // 200 chats cap the run at ~148 msg/s by that cadence whatever the engine could do.
    bots: 1000,
    chats: 250,
    llmDelayMs: 0,
    seconds: 30,
    botSpeedProfile: NO_DELAYS,
    settings: {
      simulation_active: true,
      typing_enabled: false,
      scale_factor: 10,
      // Far above what 200 chats can carry (Telegram: ~1 message per second per chat).
      max_msgs_per_min: 60_000,
      bot_hourly_msg_limit: { min: 900, max: 1000 },
      dedup_enabled: false,
      humanization_enabled: false,
      news_trigger_enabled: false,
      // Otherwise most due turns of a chat without recent activity are skipped on purpose.
      new_message_probability: 1,
    },
  },
  'llm-2s': {
    description: 'overlap: every LLM call takes 2 s, one worker',
    workers: 1,
    bots: 400,
    chats: 200,
    llmDelayMs: 2000,
    seconds: 30,
    settings: {
      simulation_active: true,
      typing_enabled: false,
      scale_factor: 10,
      max_msgs_per_min: 60_000,
      bot_hourly_msg_limit: { min: 900, max: 1000 },
      dedup_enabled: false,
      news_trigger_enabled: false,
      new_message_probability: 1,
    },
  },
  realistic: {
    description: '1,000 bots in 200 chats at realistic settings (typing, dedup, humanization on)',
    workers: 2,
    bots: 1000,
    chats: 200,
    llmDelayMs: 300,
    seconds: 300,
    settings: {
      simulation_active: true,
      scale_factor: 10,
      max_msgs_per_min: 600,
      news_trigger_enabled: false,
    },
  },
  comparison: {
    description: "the original's default setup: 4 bots, one chat, default settings",
    workers: 1,
    bots: 4,
    chats: 1,
    // Roughly a hosted model's answer time (the original called gpt-4o-mini).
    llmDelayMs: 1500,
    seconds: 300,
    settings: {
      // Off by default (SPEC §6); every other setting keeps its default.
      simulation_active: true,
    },
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(SCENARIOS, name);
}
