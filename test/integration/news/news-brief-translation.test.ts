import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig } from '../../../src/config/app-config';
import { NewsBrief } from '../../../src/engine/engine-types';
import { DemoTextGenerator } from '../../../src/engine/turn/demo-text-generator';
import { LlmTextGenerator } from '../../../src/engine/turn/llm-text-generator';
import { TextGenerator } from '../../../src/engine/turn/text-generator';
import { OpenAiProvider } from '../../../src/llm/openai-provider';
import { NewsService } from '../../../src/news/news.service';
import { RedisService } from '../../../src/redis/redis.service';
import { defaultSettings } from '../../../src/settings/settings.registry';
import { FakeOpenAiServer, RecordedLlmRequest } from '../../support/fakes/fake-openai-server';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';

jest.setTimeout(30_000);

const FOREIGN = 'Bitcoin rallies as crypto inflows surge';
const TURKISH = 'Borsa İstanbul günü yükselişle kapattı';
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Markets</title>
<item><title>${FOREIGN}</title><link>http://x/btc</link></item>
<item><title>${TURKISH}</title><link>http://x/bist</link></item></channel></rss>`;
const TRANSLATED = 'Bitcoin, kripto fonlarına girişlerin artmasıyla yükselişe geçti.';

/** The user prompt of a brief request names the headline ("Başlık: …"). */
const briefRequests = (llm: FakeOpenAiServer): RecordedLlmRequest[] =>
  llm.requests.filter((r) => r.body.messages.some((m) => m.content.includes('Başlık:')));

describe('Turkish briefs of foreign headlines (LLM through the engine’s text generator)', () => {
  let feeds: Server;
  let llm: FakeOpenAiServer;
  let config: AppConfig;
  let redis: RedisService;

  beforeAll(async () => {
    feeds = createServer((_req, res) => res.end(FEED));
    await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
    llm = await FakeOpenAiServer.start();
  });

  beforeEach(() => {
    llm.reset();
    llm.reply = () => `"${TRANSLATED}" Başka bir cümle daha.`;
    // A fresh Redis prefix per test: no brief cached by an earlier one.
    config = testConfig('postgres://postgres@127.0.0.1:5432/unused', {
      NEWS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    redis = new RedisService(config, 'worker');
  });

  afterEach(async () => {
    await redis.onModuleDestroy();
    await deleteRedisPrefix(config.redis.prefix);
  });

  afterAll(async () => {
    feeds.closeAllConnections();
    feeds.close();
    await llm.stop();
  });

  function news(generator: TextGenerator): NewsService {
    const url = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/feed`;
    const settings = { ...defaultSettings(), news_feed_urls: [url] };
    return new NewsService(redis, { get: async () => settings }, config, generator);
  }

  /** The generator turns use with LLM_PROVIDER=openai: one attempt, no fallback model. */
  function openAi(): TextGenerator {
    return new LlmTextGenerator(
      new OpenAiProvider({
        baseUrl: llm.baseUrl,
        apiKey: 'test',
        model: 'gpt-4o-mini',
        timeoutMs: 2000,
        maxAttemptsPerModel: 1,
      }),
    );
  }

  const byTopic = (briefs: NewsBrief[]) => Object.fromEntries(briefs.map((b) => [b.topic, b]));

  it('translates a foreign headline into one Turkish sentence; a Turkish one is its own brief', async () => {
    const service = news(openAi());
    await expect(service.refresh()).resolves.toMatchObject({ briefs: 2, failed_feeds: 0 });
    const briefs = byTopic(await service.cached());
    expect(briefs.Kripto).toMatchObject({ headline: FOREIGN, brief_tr: TRANSLATED });
    expect(briefs.BIST).toMatchObject({ headline: TURKISH, brief_tr: `${TURKISH}.` });
    // Only the foreign headline went to the model, as a Turkish editor's one-sentence task.
    const [request] = briefRequests(llm);
    expect(briefRequests(llm)).toHaveLength(1);
    expect(request.body.messages[1].content).toContain(`Başlık: ${FOREIGN}`);
    expect(request.body.temperature).toBeLessThanOrEqual(0.3);
  });

  it('asks the model once per headline: the next refresh reuses the cached brief', async () => {
    const service = news(openAi());
    await service.refresh();
    await service.refresh();
    expect(briefRequests(llm)).toHaveLength(1);
    expect(byTopic(await service.cached()).Kripto.brief_tr).toBe(TRANSLATED);
  });

  it('falls back to the offline brief when the model answers in English or fails', async () => {
    llm.reply = () => 'Bitcoin rallies strongly today.';
    const english = news(openAi());
    await english.refresh();
    const offline = byTopic(await english.cached()).Kripto.brief_tr;
    expect(offline).toBe('Yabancı basında Kripto ile ilgili yeni bir haber var (Bitcoin).');

    await redis.client.del(redis.key('news', 'briefs'));
    llm.script({ kind: 'error', status: 500 }, { times: 5 });
    const failing = news(openAi());
    await expect(failing.refresh()).resolves.toMatchObject({ briefs: 2 });
    expect(byTopic(await failing.cached()).Kripto.brief_tr).toBe(offline);
  });

  it('writes the same brief offline with the demo generator (no key, no network)', async () => {
    const service = news(new DemoTextGenerator());
    await service.refresh();
    expect(byTopic(await service.cached()).Kripto.brief_tr).toBe(
      'Yabancı basında Kripto ile ilgili yeni bir haber var (Bitcoin).',
    );
    expect(llm.requests).toHaveLength(0);
  });
});
