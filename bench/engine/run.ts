/**
 * Engine benchmark (not part of npm test): a throwaway database, a private redis-server, the fake
 * Telegram and OpenAI servers, the real API and N real worker processes; after a warm-up, one
 * measurement window per run, printed as a table and written as JSON to bench/results/.
 *
 *   npm run bench:engine -- --scenario zero-latency|llm-2s|realistic|comparison|scaling
 *     [--seconds N] [--warmup N] [--workers N | --workers 1,2,3 (scaling)] [--bots N] [--chats N]
 *     [--no-api]
 *
 * What each figure means and how it is taken: docs/performance.md.
 */
import { BenchArgs } from '../lib/args';
import { BenchStack } from '../lib/bench-stack';
import { Cell, log, machineContext, printTable, writeResult } from '../lib/report';
import { comparisonRows, paceBudget } from './comparison';
import { EngineResult, measureEngine } from './measure-engine';
import { isScenarioName, Scenario, SCENARIOS } from './scenarios';

const range = (d: { p50: number | null; p95: number | null; p99: number | null }): string =>
  [d.p50, d.p95, d.p99].map((v) => (v === null ? '–' : String(v))).join(' / ');

/** The table of issue #9: one row per figure, one column per run. */
function engineRows(results: readonly EngineResult[]): Cell[][] {
  // api, worker-1…n, redis-server: the order the processes appear in the widest run.
  const widest = results.reduce((a, b) => (b.processes.length > a.processes.length ? b : a));
  const names = widest.processes.map((p) => p.name);
  const each = (f: (r: EngineResult) => Cell): Cell[] => results.map(f);
  const usage = (r: EngineResult, name: string) => r.processes.find((p) => p.name === name);
  return [
    ['workers', ...each((r) => r.workers)],
    ['sent messages/s (text + reactions)', ...each((r) => r.sent.per_second)],
    ['configured cap msgs/s (max_msgs_per_min)', ...each((r) => r.configured_cap_per_second)],
    ['e2e latency p50 / p95 / p99 ms (due → Telegram)', ...each((r) => range(r.e2e_latency_ms))],
    [
      'scheduling lag p50 / p95 / p99 ms (due → claimed)',
      ...each((r) => range(r.scheduling_lag_ms)),
    ],
    [
      'turn start lag p50 / p95 / p99 ms (due → turn runs)',
      ...each((r) => range(r.turn_start_lag_ms)),
    ],
    ['LLM requests in flight, max', ...each((r) => r.llm.max_in_flight)],
    ...names.map((n) => [`CPU % ${n} (100 = one core)`, ...each((r) => usage(r, n)?.cpu_percent)]),
    ...names
      .filter((n) => results.some((r) => typeof usage(r, n)?.rss_mb_max === 'number'))
      .map((n) => [`RSS MB max ${n}`, ...each((r) => usage(r, n)?.rss_mb_max)]),
    ['worker CPU ms per sent message', ...each((r) => r.worker_cpu_ms_per_sent)],
    ['PostgreSQL backend CPU ms per sent message', ...each((r) => r.postgres_cpu_ms_per_sent)],
    ['Redis ops/s (whole server, private)', ...each((r) => r.redis.ops_per_second)],
    ...names
      .filter((n) => n !== 'redis-server' && n in widest.redis.connections_max.by_process)
      .map((n) => [
        `Redis connections ${n}`,
        ...each((r) => r.redis.connections_max.by_process[n]),
      ]),
    ['PG transactions per sent message', ...each((r) => r.pg_per_sent_message.transactions)],
    [
      'PG rows fetched / written per sent message',
      ...each(
        (r) =>
          `${r.pg_per_sent_message.rows_fetched ?? '–'} / ${r.pg_per_sent_message.rows_written ?? '–'}`,
      ),
    ],
    ['Telegram limit violations (must be 0)', ...each((r) => r.limit_violations)],
  ];
}

async function runOnce(
  scenario: Scenario,
  options: { seconds: number; warmupSeconds: number; api: boolean },
): Promise<EngineResult> {
  const stack = await BenchStack.start({ llmDelayMs: scenario.llmDelayMs });
  try {
    await stack.seed({
      bots: scenario.bots,
      chats: scenario.chats,
      settings: scenario.settings,
      botSpeedProfile: scenario.botSpeedProfile,
    });
    if (options.api) {
      await stack.startApi();
    }
    await stack.startWorkers(scenario.workers);
    return await measureEngine(stack, { scenario, ...options });
  } finally {
    await stack.close();
  }
}

async function main(): Promise<void> {
  const args = new BenchArgs();
  const name = args.string('scenario', 'zero-latency');
  const scaling = name === 'scaling';
  const baseName = scaling ? 'zero-latency' : name;
  if (!isScenarioName(baseName)) {
    throw new Error(
      `unknown scenario "${name}": use one of ${[...Object.keys(SCENARIOS), 'scaling'].join(', ')}`,
    );
  }
  const base = SCENARIOS[baseName];
  const workerCounts = args.integers('workers', scaling ? [1, 2, 3] : [base.workers]);
  const options = {
    seconds: args.number('seconds', base.seconds),
    warmupSeconds: args.number('warmup', 15),
    api: !args.flag('no-api'),
  };
  const startedAt = new Date();
  const results: EngineResult[] = [];
  for (const workers of workerCounts) {
    const scenario: Scenario = {
      ...base,
      workers,
      bots: args.number('bots', base.bots),
      chats: args.number('chats', base.chats),
    };
    log(
      `${name}: ${scenario.description}; ${workers} worker(s), ${scenario.bots} bots, ${scenario.chats} chats`,
    );
    results.push(await runOnce(scenario, options));
  }

  const header = ['', ...results.map((r) => `${r.workers} worker${r.workers === 1 ? '' : 's'}`)];
  printTable(`bench:engine ${name} — ${base.description}`, header, engineRows(results));
  const output: Record<string, unknown> = {
    scenario: name,
    description: base.description,
    started_at: startedAt.toISOString(),
    machine: machineContext(),
    runs: results,
  };
  if (baseName === 'comparison') {
    const budget = paceBudget(base.settings, results[0].bots, results[0].chats, startedAt);
    printTable(
      'messages per minute: ours next to what the settings and limits allow',
      ['', 'msgs/min'],
      comparisonRows(results[0], budget),
    );
    output.pace_budget = budget;
  }
  process.stdout.write(`written ${writeResult(name, output)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
