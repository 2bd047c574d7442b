/**
 * WebSocket benchmark (not part of npm test): N dashboard clients on /ws/dashboard (X-API-Key at
 * the handshake) while the simulation runs on the real API and worker processes. For each client
 * count in turn: event fan-out latency (message_sent published by a worker → received by the
 * client), snapshot delivery, and CPU/RSS of the API. Table on stdout, JSON in bench/results/.
 *
 *   npm run bench:ws -- [--clients 10,100] [--seconds 20] [--workers 1]
 *     [--snapshot-interval 5] [--bots 60] [--chats 30]
 *
 * What each figure means and how it is taken: docs/performance.md.
 */
import Redis from 'ioredis';
import { WebSocket } from 'ws';
import { BenchArgs } from '../lib/args';
import { BenchStack } from '../lib/bench-stack';
import { ProcessSampler, ProcessUsage } from '../lib/process-sampler';
import { RedisStats } from '../lib/redis-stats';
import { Cell, log, machineContext, printTable, writeResult } from '../lib/report';
import { Distribution, distribution, round } from '../lib/stats';

/**
 * A steady flow of events paced by the schedule, not by a cap (a per-minute cap lets a burst
 * through and then nothing): 30 chats × one turn per 3 s on average (30 s / scale_factor 10).
 */
const SETTINGS: Record<string, unknown> = {
  simulation_active: true,
  typing_enabled: false,
  scale_factor: 10,
  max_msgs_per_min: 1200,
  bot_hourly_msg_limit: { min: 900, max: 1000 },
  dedup_enabled: false,
  news_trigger_enabled: false,
  new_message_probability: 1,
};

interface ClientRecord {
  socket: WebSocket;
  openedAt: number;
  firstSnapshotMs: number | null;
  snapshotsAt: number[];
  eventLatencies: number[];
  /** Message ids of the message_sent events received. */
  eventIds: Set<number>;
  closeCode: number | null;
}

interface PhaseResult {
  clients: number;
  connected: number;
  closed_early: number;
  measured_seconds: number;
  connect_to_first_snapshot_ms: Distribution;
  events_published: number;
  events_received_per_client: { min: number | null; mean: number | null };
  fanout_latency_ms: Distribution;
  snapshots_per_client: { expected: number; min: number | null; mean: number | null };
  snapshot_interval_ms: Distribution;
  processes: ProcessUsage[];
  redis_ops_per_second: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function openClient(url: string, apiKey: string): Promise<ClientRecord> {
  const socket = new WebSocket(url, { headers: { 'X-API-Key': apiKey } });
  const record: ClientRecord = {
    socket,
    openedAt: 0,
    firstSnapshotMs: null,
    snapshotsAt: [],
    eventLatencies: [],
    eventIds: new Set(),
    closeCode: null,
  };
  socket.on('message', (data: Buffer) => {
    const now = Date.now();
    const message = JSON.parse(data.toString()) as {
      type?: string;
      sent_at?: string;
      message_id?: number;
    };
    if (message.type === 'dashboard_snapshot') {
      record.firstSnapshotMs ??= now - record.openedAt;
      record.snapshotsAt.push(now);
    } else if (message.type === 'message_sent' && message.sent_at) {
      record.eventIds.add(Number(message.message_id));
      record.eventLatencies.push(now - Date.parse(message.sent_at));
    }
  });
  socket.on('close', (code) => (record.closeCode = code));
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      record.openedAt = Date.now();
      resolve(record);
    });
    socket.once('error', reject);
  });
}

async function measurePhase(
  stack: BenchStack,
  apiKey: string,
  clients: number,
  seconds: number,
  snapshotIntervalSeconds: number,
): Promise<PhaseResult> {
  const api = stack.api;
  if (!api) {
    throw new Error('the WebSocket benchmark needs the API process');
  }
  const url = `ws://127.0.0.1:${api.port}/ws/dashboard`;
  log(`${clients} clients: connecting`);
  const records = await Promise.all(Array.from({ length: clients }, () => openClient(url, apiKey)));
  // Every client gets a snapshot on connect; then the measurement starts from a clean slate.
  const connectDeadline = Date.now() + 30_000;
  while (records.some((r) => r.firstSnapshotMs === null) && Date.now() < connectDeadline) {
    await sleep(100);
  }
  const firstSnapshots = records.flatMap((r) =>
    r.firstSnapshotMs === null ? [] : [r.firstSnapshotMs],
  );
  for (const r of records) {
    r.snapshotsAt.length = 0;
    r.eventLatencies.length = 0;
    r.eventIds.clear();
  }

  const admin = new Redis(stack.redis.url);
  const redisStats = new RedisStats(admin);
  const sampler = new ProcessSampler(stack.processes());
  const commandsBefore = await redisStats.commandsProcessed();
  const startedAt = Date.now();
  sampler.start();
  log(`${clients} clients: measuring ${seconds} s`);
  await sleep(seconds * 1000);
  const endedAt = Date.now();
  const usage = sampler.stop();
  const commandsAfter = await redisStats.commandsProcessed();
  admin.disconnect();
  // Events of messages sent near the end may still be on their way.
  await sleep(1000);
  const published = await stack.ds.query<{ id: number }[]>(
    `SELECT id FROM messages WHERE state = 'sent'
       AND sent_at >= to_timestamp($1 / 1000.0) AND sent_at < to_timestamp($2 / 1000.0)`,
    [startedAt, endedAt],
  );
  for (const r of records) {
    r.socket.close();
  }
  const elapsed = (endedAt - startedAt) / 1000;
  const intervals = records.flatMap((r) =>
    r.snapshotsAt.slice(1).map((t, i) => t - r.snapshotsAt[i]),
  );
  const mean = (values: number[]): number | null =>
    values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : null;
  // Only the events of messages sent within the window, so a lower count means a lost event.
  const received = records.map((r) => published.filter((m) => r.eventIds.has(m.id)).length);
  const snapshots = records.map((r) => r.snapshotsAt.length);
  return {
    clients,
    connected: records.length,
    closed_early: records.filter((r) => r.closeCode !== null).length,
    measured_seconds: round(elapsed),
    connect_to_first_snapshot_ms: distribution(firstSnapshots),
    events_published: published.length,
    events_received_per_client: {
      min: received.length ? Math.min(...received) : null,
      mean: mean(received),
    },
    fanout_latency_ms: distribution(records.flatMap((r) => r.eventLatencies)),
    snapshots_per_client: {
      expected: Math.floor(elapsed / snapshotIntervalSeconds),
      min: snapshots.length ? Math.min(...snapshots) : null,
      mean: mean(snapshots),
    },
    snapshot_interval_ms: distribution(intervals),
    processes: usage,
    redis_ops_per_second: Math.round((commandsAfter - commandsBefore) / elapsed),
  };
}

function rows(results: readonly PhaseResult[]): Cell[][] {
  const each = (f: (r: PhaseResult) => Cell): Cell[] => results.map(f);
  const usage = (r: PhaseResult, name: string) => r.processes.find((p) => p.name === name);
  const names = [...new Set(results.flatMap((r) => r.processes.map((p) => p.name)))];
  const triple = (d: Distribution): string =>
    [d.p50, d.p95, d.p99].map((v) => (v === null ? '–' : String(v))).join(' / ');
  return [
    ['clients connected (closed early)', ...each((r) => `${r.connected} (${r.closed_early})`)],
    [
      'connect → first snapshot p50 / p95 / p99 ms',
      ...each((r) => triple(r.connect_to_first_snapshot_ms)),
    ],
    ['message_sent events published (sent rows)', ...each((r) => r.events_published)],
    [
      'events received per client, min / mean',
      ...each(
        (r) =>
          `${r.events_received_per_client.min ?? '–'} / ${r.events_received_per_client.mean ?? '–'}`,
      ),
    ],
    [
      'fan-out latency p50 / p95 / p99 ms (sent_at → client)',
      ...each((r) => triple(r.fanout_latency_ms)),
    ],
    [
      'snapshots per client, expected / min / mean',
      ...each(
        (r) =>
          `${r.snapshots_per_client.expected} / ${r.snapshots_per_client.min ?? '–'} / ${r.snapshots_per_client.mean ?? '–'}`,
      ),
    ],
    [
      'snapshot interval p50 / p99 ms',
      ...each((r) => `${r.snapshot_interval_ms.p50 ?? '–'} / ${r.snapshot_interval_ms.p99 ?? '–'}`),
    ],
    ...names.map((n) => [`CPU % ${n} (100 = one core)`, ...each((r) => usage(r, n)?.cpu_percent)]),
    ...names.map((n) => [`RSS MB max ${n}`, ...each((r) => usage(r, n)?.rss_mb_max)]),
    ['Redis ops/s (whole server, private)', ...each((r) => r.redis_ops_per_second)],
  ];
}

async function main(): Promise<void> {
  const args = new BenchArgs();
  const clientCounts = args.integers('clients', [10, 100]);
  const seconds = args.number('seconds', 20);
  const snapshotInterval = args.number('snapshot-interval', 5);
  const bots = args.number('bots', 60);
  const chats = args.number('chats', 30);
  const startedAt = new Date();
  const stack = await BenchStack.start({ llmDelayMs: 0 });
  const results: PhaseResult[] = [];
  try {
    await stack.seed({ bots, chats, settings: SETTINGS });
    const apiKey = await stack.apiKey();
    await stack.startApi({ DASHBOARD_STREAM_INTERVAL: String(snapshotInterval) });
    await stack.startWorkers(args.number('workers', 1));
    log(`warm-up ${args.number('warmup', 15)} s`);
    await sleep(args.number('warmup', 15) * 1000);
    for (const clients of clientCounts) {
      results.push(await measurePhase(stack, apiKey, clients, seconds, snapshotInterval));
    }
  } finally {
    await stack.close();
  }
  printTable(
    `bench:ws — dashboard clients on /ws/dashboard; ${bots} bots in ${chats} chats, one turn per chat every ~3 s`,
    ['', ...results.map((r) => `${r.clients} clients`)],
    rows(results),
  );
  const file = writeResult('ws', {
    scenario: 'ws',
    started_at: startedAt.toISOString(),
    machine: machineContext(),
    bots,
    chats,
    settings: SETTINGS,
    snapshot_interval_seconds: snapshotInterval,
    phases: results,
  });
  process.stdout.write(`written ${file}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
