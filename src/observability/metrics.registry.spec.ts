import { boundedLabel, MetricsRegistry, QueueStats } from './metrics.registry';

function stats(queue: string, waiting: number): QueueStats {
  return {
    queue,
    counts: { waiting, active: 1, delayed: 0, prioritized: 0, failed: 2 },
    oldestWaitingAgeSeconds: waiting > 0 ? 12.5 : 0,
  };
}

describe('boundedLabel', () => {
  it('keeps short snake_case codes and squeezes everything else', () => {
    expect(boundedLabel('rate_limited')).toBe('rate_limited');
    expect(boundedLabel('DEDUP')).toBe('dedup');
    expect(boundedLabel('chat_not_found: Bad Request: chat not found')).toBe('chat_not_found');
    expect(boundedLabel('403 Forbidden')).toBe('other');
    expect(boundedLabel('x'.repeat(41))).toBe('other');
    expect(boundedLabel(null)).toBe('none');
    expect(boundedLabel('')).toBe('none');
  });
});

describe('MetricsRegistry', () => {
  it('records through the typed accessors with bounded labels', async () => {
    const metrics = new MetricsRegistry();
    metrics.messageFinished('failed', 'telegram_403: bot was kicked from the group chat');
    metrics.messageFinished('sent');
    metrics.llmCall({
      model: 'gpt-4o-mini',
      outcome: 'ok',
      seconds: 1.2,
      promptTokens: 300,
      completionTokens: 40,
      costUsd: 0.0001,
    });
    metrics.telegramRateLimited('sendMessage', 7);
    const text = (await metrics.exposition()).body;
    expect(text).toContain('piyasa_messages_total{state="failed",reason="telegram_403"} 1');
    expect(text).toContain('piyasa_messages_total{state="sent",reason="none"} 1');
    expect(text).toContain('piyasa_llm_tokens_total{model="gpt-4o-mini",kind="prompt"} 300');
    expect(text).toContain('piyasa_llm_tokens_total{model="gpt-4o-mini",kind="completion"} 40');
    expect(text).toContain('piyasa_telegram_rate_limited_total{method="sendMessage"} 1');
    expect(text).toContain(
      'piyasa_telegram_retry_after_seconds_bucket{le="10",method="sendMessage"} 1',
    );
  });

  it('reads queue stats once per scrape for both queue gauges', async () => {
    const metrics = new MetricsRegistry();
    let reads = 0;
    metrics.setQueueStatsSource(async () => {
      reads++;
      return [stats('send', 3), stats('turn', 0)];
    });
    const text = (await metrics.exposition()).body;
    expect(reads).toBe(1);
    expect(text).toContain('piyasa_queue_jobs{queue="send",state="waiting"} 3');
    expect(text).toContain('piyasa_queue_jobs{queue="send",state="failed"} 2');
    expect(text).toContain('piyasa_queue_oldest_waiting_age_seconds{queue="send"} 12.5');
    expect(text).toContain('piyasa_queue_oldest_waiting_age_seconds{queue="turn"} 0');
  });

  it('answers a scrape without queue series when Redis fails or hangs', async () => {
    const failing = new MetricsRegistry();
    failing.setQueueStatsSource(() => Promise.reject(new Error('ECONNREFUSED')));
    expect((await failing.exposition()).body).not.toMatch(/piyasa_queue_jobs\{/);

    const hanging = new MetricsRegistry();
    hanging.setQueueStatsSource(() => new Promise<QueueStats[]>(() => undefined));
    const started = Date.now();
    const text = (await hanging.exposition()).body;
    expect(Date.now() - started).toBeLessThan(3000);
    expect(text).toContain('# TYPE piyasa_queue_jobs gauge');
    expect(text).not.toMatch(/piyasa_queue_jobs\{/);
  });

  it('keeps each instance separate, so several apps can live in one process', async () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();
    a.init('api', '1.2.3');
    a.websocketConnected();
    expect((await a.exposition()).body).toContain('piyasa_websocket_clients{role="api"} 1');
    expect((await b.exposition()).body).toContain('piyasa_websocket_clients 0');
    expect(a.names()).toEqual(
      expect.arrayContaining(['piyasa_process_info', 'process_cpu_seconds_total']),
    );
  });
});
