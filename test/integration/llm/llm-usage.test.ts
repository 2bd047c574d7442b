import { DataSource } from 'typeorm';
import { LlmError, LlmErrorKind } from '../../../src/llm/llm-error';
import { LlmUsage } from '../../../src/llm/entities/llm-usage.entity';
import { estimateCost } from '../../../src/llm/llm-pricing';
import { LlmCompletionRequest } from '../../../src/llm/llm-provider';
import { LlmUsageBuffer } from '../../../src/llm/llm-usage-buffer';
import { LlmUsageRecorder } from '../../../src/llm/llm-usage-recorder';
import { OpenAiProvider } from '../../../src/llm/openai-provider';
import { FakeOpenAiServer } from '../../support/fakes/fake-openai-server';
import { TestDatabase } from '../../support/test-database';

const request: LlmCompletionRequest = {
  messages: [
    { role: 'system', content: 'Sen bir borsa yatırımcısısın.' },
    { role: 'user', content: 'Altın için yorum?' },
  ],
  temperature: 1.3,
  max_tokens: 80,
  top_p: 0.92,
  frequency_penalty: 0.3,
};

describe('LLM usage accounting in PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let server: FakeOpenAiServer;
  let today: Date;

  beforeAll(async () => {
    db = await TestDatabase.migrated('llm_usage');
    dataSource = await db.dataSource();
    server = await FakeOpenAiServer.start();
  });

  afterAll(async () => {
    await server.stop();
    await dataSource.destroy();
    await db.drop();
  });

  beforeEach(async () => {
    server.reset();
    today = new Date('2026-03-10T12:00:00Z');
    await dataSource.query('DELETE FROM llm_usage');
  });

  function provider(recorder: LlmUsageRecorder, budget = 0): OpenAiProvider {
    return new OpenAiProvider({
      baseUrl: server.baseUrl,
      apiKey: 'sk-test-usage',
      model: 'gpt-4o-mini',
      timeoutMs: 5000,
      maxAttemptsPerModel: 2,
      backoff: { baseMs: 10, maxMs: 20 },
      usage: recorder,
      dailyBudgetUsd: () => budget,
      logger: { warn: () => undefined },
    });
  }

  const rows = (): Promise<LlmUsage[]> =>
    dataSource.getRepository(LlmUsage).find({ order: { model: 'ASC', botId: 'ASC' } });

  it('adds several calls up in one row per day, bot and model (bot-less calls too)', async () => {
    const recorder = new LlmUsageRecorder(dataSource, () => today);
    const llm = provider(recorder);
    const results = await Promise.all([
      llm.complete({ ...request, botId: 1 }),
      llm.complete({ ...request, botId: 1 }),
      llm.complete({ ...request, botId: 1 }),
      llm.complete({ ...request, botId: 2 }),
      llm.complete({ ...request, botId: null }),
      llm.complete({ ...request }),
      llm.complete({ ...request, botId: 1, model: 'gpt-4o' }),
    ]);
    const bot1 = results.slice(0, 3);
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const usage = await rows();
    expect(usage.map((r) => [r.model, r.botId, r.calls, r.failures])).toEqual([
      ['gpt-4o', 1, 1, 0],
      ['gpt-4o-mini', 1, 3, 0],
      ['gpt-4o-mini', 2, 1, 0],
      ['gpt-4o-mini', null, 2, 0],
    ]);
    const row = usage[1];
    expect(row.day).toBe('2026-03-10');
    expect(row.promptTokens).toBe(sum(bot1.map((r) => r.promptTokens)));
    expect(row.completionTokens).toBe(sum(bot1.map((r) => r.completionTokens)));
    const expectedCost = sum(
      bot1.map((r) => estimateCost('gpt-4o-mini', r.promptTokens, r.completionTokens).usd),
    );
    expect(row.estimatedCostUsd).toBeCloseTo(expectedCost, 12);
    expect(row.estimatedCostUsd).toBeGreaterThan(0);
    const allCost = sum(
      results.map((r) => estimateCost(r.model, r.promptTokens, r.completionTokens).usd),
    );
    expect(await recorder.spentToday()).toBeCloseTo(allCost, 12);
  });

  it('counts failed attempts as calls and failures', async () => {
    const recorder = new LlmUsageRecorder(dataSource, () => today);
    server.script({ kind: 'error', status: 500 });
    await provider(recorder).complete({ ...request, botId: 3 });
    const [row] = await rows();
    expect([row.calls, row.failures]).toEqual([2, 1]);
  });

  it('keeps days apart and sums only today for the budget', async () => {
    const recorder = new LlmUsageRecorder(dataSource, () => today);
    const llm = provider(recorder);
    await llm.complete({ ...request, botId: 1 });
    const yesterdaySpend = await recorder.spentToday();
    today = new Date('2026-03-11T00:00:01Z');
    expect(await recorder.spentToday()).toBe(0);
    await llm.complete({ ...request, botId: 1 });
    expect((await rows()).map((r) => r.day)).toEqual(['2026-03-10', '2026-03-11']);
    expect(await recorder.spentToday()).toBeCloseTo(yesterdaySpend, 12);
  });

  it('pauses generation once the daily budget is spent', async () => {
    const recorder = new LlmUsageRecorder(dataSource, () => today);
    const spendy = provider(recorder, 0.000001);
    await spendy.complete({ ...request, botId: 1 });
    const requestsBefore = server.requests.length;
    const error = await spendy.complete({ ...request, botId: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe(LlmErrorKind.BudgetExceeded);
    expect(server.requests.length).toBe(requestsBefore);
    // No budget (0) means no limit.
    await expect(provider(recorder, 0).complete(request)).resolves.toMatchObject({
      model: 'gpt-4o-mini',
    });
  });

  it('records unpriced models with cost 0 and warns once per model', async () => {
    const warnings: string[] = [];
    const llm = new OpenAiProvider({
      baseUrl: server.baseUrl,
      apiKey: '',
      model: 'llama3.1:8b',
      timeoutMs: 5000,
      usage: new LlmUsageRecorder(dataSource, () => today),
      logger: { warn: (line) => warnings.push(line) },
    });
    await llm.complete(request);
    await llm.complete(request);
    const [row] = await rows();
    expect([row.model, row.calls, row.estimatedCostUsd]).toEqual(['llama3.1:8b', 2, 0]);
    expect(row.promptTokens).toBeGreaterThan(0);
    expect(warnings).toEqual([expect.stringContaining('"llama3.1:8b" is not in the price table')]);
    // A local server without a key still gets a syntactically valid Authorization header.
    expect(server.requests[0].authorization).toBe('Bearer no-key');
  });
  it('buffered: adds requests up in memory, counts them for the budget and writes them in one statement', async () => {
    const buffer = new LlmUsageBuffer(dataSource);
    const entry = { model: 'gpt-4o-mini', promptTokens: 10, completionTokens: 5, costUsd: 0.5 };
    await buffer.record({ ...entry, botId: 1, failed: false });
    await buffer.record({ ...entry, botId: 1, failed: true });
    await buffer.record({ ...entry, botId: null, failed: false });
    expect(await rows()).toEqual([]);
    // The budget sees what this process has not written yet.
    expect(await buffer.spentToday()).toBeCloseTo(1.5, 12);
    await buffer.flush();
    expect((await rows()).map((r) => [r.botId, r.calls, r.failures, r.promptTokens])).toEqual([
      [1, 2, 1, 20],
      [null, 1, 0, 10],
    ]);
    expect(await buffer.spentToday()).toBeCloseTo(1.5, 12);
    // Added to the rows already there, and written on shutdown.
    await buffer.record({ ...entry, botId: 1, failed: false });
    await buffer.onModuleDestroy();
    expect((await rows()).map((r) => [r.botId, r.calls])).toEqual([
      [1, 3],
      [null, 1],
    ]);
  });
});
