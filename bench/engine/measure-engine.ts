import { Job, Queue } from 'bullmq';
import Redis from 'ioredis';
import { QueueName } from '../../src/queue/queue-name';
import { BenchStack } from '../lib/bench-stack';
import { backendPids, pgPerUnit, readPgCounters } from '../lib/pg-stats';
import { ProcessSampler, ProcessUsage } from '../lib/process-sampler';
import { RedisConnections, RedisStats } from '../lib/redis-stats';
import { log } from '../lib/report';
import { Distribution, distribution, round } from '../lib/stats';
import { Scenario } from './scenarios';

export interface EngineRunOptions {
  scenario: Scenario;
  seconds: number;
  warmupSeconds: number;
}

export interface EngineResult {
  workers: number;
  bots: number;
  chats: number;
  llm_delay_ms: number;
  settings: Record<string, unknown>;
  measured_seconds: number;
  sent: { text: number; reactions: number; per_second: number; per_minute: number };
  configured_cap_per_second: number;
  /** Mean typing time planned for the window's text messages (msg_metadata.typing_ms). */
  typing_ms_mean: number | null;
  /** Due time of the turn (from the schedule, in the turn key) → the fake Telegram's arrival. */
  e2e_latency_ms: Distribution;
  /** Due time → claimed by a tick (the highest lag of each tick that claimed something). */
  scheduling_lag_ms: Distribution;
  /** Due time → the turn job started (last ≤1000 completed turn jobs of the window). */
  turn_start_lag_ms: Distribution;
  llm: { requests: number; max_in_flight: number };
  processes: ProcessUsage[];
  worker_cpu_ms_per_sent: number | null;
  postgres_cpu_ms_per_sent: number | null;
  redis: {
    ops_per_second: number;
    /** Commands of the window per sent message, by command (INFO commandstats), most first. */
    calls_per_sent_message: Record<string, number>;
    connections_max: RedisConnections;
  };
  pg_per_sent_message: ReturnType<typeof pgPerUnit>;
  turn_outcomes: Record<string, number>;
  telegram_requests: Record<string, number>;
  limit_violations: number;
  limit_violation_rules: string[];
}

const TURN_KEY = /^turn-\d+-(\d+)$/;

/** Completed jobs still retained by a queue (BullMQ keeps the last 100–1000, see queue-defaults). */
async function completedJobs(url: string, prefix: string, queue: QueueName): Promise<Job[]> {
  const q = new Queue(queue, { connection: { url }, prefix: `${prefix}:bull` });
  try {
    return await q.getCompleted(0, 999);
  } finally {
    await q.close();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * One measured run on a started, seeded stack with its workers up: warm-up, then a window in which
 * every figure is taken, then the processes are stopped so the database counters are final.
 */
export async function measureEngine(
  stack: BenchStack,
  options: EngineRunOptions,
): Promise<EngineResult> {
  const { scenario } = options;
  const admin = new Redis(stack.redis.url);
  const redisStats = new RedisStats(admin);
  try {
    // New chats start within a 10 s spread and the reconcile runs every 15 s.
    log(`warm-up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);

    const processes = stack.processes();
    // The database's backends as one more "process": its CPU is part of a message's cost.
    const sampler = new ProcessSampler([
      ...processes,
      { name: 'postgres (bench db backends)', pids: await backendPids(stack.db.name) },
    ]);
    const pgBefore = await readPgCounters(stack.db.name);
    const commandsBefore = await redisStats.commandsProcessed();
    const callsBefore = await redisStats.callsByCommand();
    stack.openai.maxInFlight = stack.openai.inFlight;
    const llmRequestsBefore = stack.openai.requests.length;
    const startedAt = Date.now();
    sampler.start();
    log(`measuring ${options.seconds} s`);

    const connectionSamples: RedisConnections[] = [];
    const ticks = new Map<string, Job>();
    const deadline = startedAt + options.seconds * 1000;
    while (Date.now() < deadline) {
      await sleep(Math.min(5000, Math.max(0, deadline - Date.now())));
      connectionSamples.push(await redisStats.connections(processes));
      // The tick queue keeps its last 100 jobs (one a second): read them well within that.
      for (const job of await completedJobs(stack.redis.url, stack.redisPrefix, QueueName.Tick)) {
        ticks.set(job.id ?? '', job);
      }
    }
    const endedAt = Date.now();
    const usage = sampler.stop();
    const commandsAfter = await redisStats.commandsProcessed();
    const callsAfter = await redisStats.callsByCommand();
    const seconds = (endedAt - startedAt) / 1000;
    const maxInFlight = stack.openai.maxInFlight;
    const llmRequests = stack.openai.requests.length - llmRequestsBefore;
    const turns = await completedJobs(stack.redis.url, stack.redisPrefix, QueueName.Turn);
    const pgAfter = await readPgCounters(stack.db.name);

    log('stopping the processes');
    await stack.stopProcesses();

    const rows = await stack.ds.query<
      {
        chat_id: string;
        telegram_message_id: number | null;
        kind: string;
        turn_key: string | null;
        typing_ms: number | null;
      }[]
    >(
      `SELECT c.chat_id, m.telegram_message_id, m.kind, m.msg_metadata->>'turn_key' AS turn_key,
              (m.msg_metadata->>'typing_ms')::float AS typing_ms
       FROM messages m JOIN chats c ON c.id = m.chat_db_id
       WHERE m.state = 'sent' AND m.sent_at >= to_timestamp($1 / 1000.0)
         AND m.sent_at < to_timestamp($2 / 1000.0)`,
      [startedAt, endedAt],
    );
    const arrival = new Map(
      stack.telegram.messages.map((m) => [`${Number(m.chatId)}:${m.messageId}`, m.at]),
    );
    const latencies: number[] = [];
    for (const row of rows) {
      const due = TURN_KEY.exec(row.turn_key ?? '')?.[1];
      const at = arrival.get(`${Number(row.chat_id)}:${row.telegram_message_id}`);
      if (row.kind === 'text' && due !== undefined && at !== undefined) {
        latencies.push(at - Number(due));
      }
    }
    const text = rows.filter((r) => r.kind === 'text').length;
    const typing = rows.filter((r) => r.kind === 'text' && r.typing_ms !== null);

    const tickLags = [...ticks.values()]
      .filter((j) => (j.finishedOn ?? 0) >= startedAt && (j.finishedOn ?? 0) < endedAt)
      .map((j) => j.returnvalue as { claimed?: number; max_lag_ms?: number } | null)
      .filter((v) => (v?.claimed ?? 0) > 0)
      .map((v) => Number(v?.max_lag_ms ?? 0));
    const windowTurns = turns.filter(
      (j) => (j.processedOn ?? 0) >= startedAt && (j.processedOn ?? 0) < endedAt,
    );
    const turnLags = windowTurns.flatMap((j) => {
      const due = TURN_KEY.exec(j.id ?? '')?.[1];
      return due !== undefined && j.processedOn ? [j.processedOn - Number(due)] : [];
    });
    const turnOutcomes: Record<string, number> = {};
    for (const job of windowTurns) {
      const value = job.returnvalue as { status?: string; reason?: string; action?: string } | null;
      const key = `${value?.status ?? 'unknown'}:${value?.reason ?? value?.action ?? ''}`;
      turnOutcomes[key] = (turnOutcomes[key] ?? 0) + 1;
    }

    const telegramRequests: Record<string, number> = {};
    for (const r of stack.telegram.requests) {
      if (r.at >= startedAt && r.at < endedAt) {
        telegramRequests[r.method] = (telegramRequests[r.method] ?? 0) + 1;
      }
    }
    const violations = stack.telegram.limitViolations();
    const workerCpuSeconds = usage
      .filter((p) => p.name.startsWith('worker-'))
      .reduce((sum, p) => sum + (p.cpu_seconds ?? 0), 0);
    const postgresCpuSeconds =
      usage.find((p) => p.name.startsWith('postgres'))?.cpu_seconds ?? null;
    const connectionsMax: RedisConnections = {
      by_process: Object.fromEntries(
        processes.map((p) => [
          p.name,
          Math.max(0, ...connectionSamples.map((s) => s.by_process[p.name] ?? 0)),
        ]),
      ),
      other: Math.max(0, ...connectionSamples.map((s) => s.other)),
      by_client_name: connectionSamples[connectionSamples.length - 1]?.by_client_name ?? {},
    };
    return {
      workers: stack.workers.length,
      bots: scenario.bots,
      chats: scenario.chats,
      llm_delay_ms: scenario.llmDelayMs,
      settings: scenario.settings,
      measured_seconds: round(seconds),
      sent: {
        text,
        reactions: rows.length - text,
        per_second: round(rows.length / seconds, 2),
        per_minute: round((rows.length / seconds) * 60, 1),
      },
      configured_cap_per_second: round(Number(scenario.settings.max_msgs_per_min ?? 6) / 60, 2),
      typing_ms_mean: typing.length
        ? Math.round(typing.reduce((sum, r) => sum + Number(r.typing_ms), 0) / typing.length)
        : null,
      e2e_latency_ms: distribution(latencies),
      scheduling_lag_ms: distribution(tickLags),
      turn_start_lag_ms: distribution(turnLags),
      llm: { requests: llmRequests, max_in_flight: maxInFlight },
      processes: usage,
      postgres_cpu_ms_per_sent:
        rows.length && postgresCpuSeconds !== null
          ? round((postgresCpuSeconds * 1000) / rows.length, 2)
          : null,
      worker_cpu_ms_per_sent: rows.length
        ? round((workerCpuSeconds * 1000) / rows.length, 2)
        : null,
      redis: {
        ops_per_second: Math.round((commandsAfter - commandsBefore) / seconds),
        calls_per_sent_message: Object.fromEntries(
          Object.entries(callsAfter)
            .map(([command, calls]): [string, number] => [
              command,
              round((calls - (callsBefore[command] ?? 0)) / Math.max(1, rows.length), 2),
            ])
            .filter(([, perMessage]) => perMessage > 0)
            .sort((a, b) => b[1] - a[1]),
        ),
        connections_max: connectionsMax,
      },
      pg_per_sent_message: pgPerUnit(pgBefore, pgAfter, rows.length),
      turn_outcomes: turnOutcomes,
      telegram_requests: telegramRequests,
      limit_violations: violations.length,
      limit_violation_rules: [...new Set(violations.map((v) => v.rule))],
    };
  } finally {
    admin.disconnect();
  }
}
