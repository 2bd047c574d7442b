import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AppConfig } from '../../../src/config/app-config';
import { seededRng } from '../../../src/engine/random.util';
import { DemoTextGenerator } from '../../../src/engine/turn/demo-text-generator';
import { NewsService } from '../../../src/news/news.service';
import { RedisService } from '../../../src/redis/redis.service';
import { defaultSettings, SettingsValues } from '../../../src/settings/settings.registry';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';

jest.setTimeout(30_000);

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Ekonomi</title>
<item><title>BIST 100 endeksi güne yükselişle başladı</title><link>http://x/1</link></item>
<item><title>Hava durumu: yarın yağmur</title><link>http://x/2</link></item></channel></rss>`;
const ATOM = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Bitcoin ve kripto piyasasında sert düşüş</title>
<link href="http://x/3"/></entry></feed>`;

describe('news refresh against local RSS/Atom fixtures', () => {
  let server: Server;
  let base: string;
  let config: AppConfig;
  let redis: RedisService;
  let settings: SettingsValues;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/rss') {
        res.end(RSS);
      } else if (req.url === '/atom') {
        res.end(ATOM);
      } else if (req.url === '/slow') {
        setTimeout(() => res.end(RSS), 20_000).unref();
      } else if (req.url === '/huge') {
        res.end(
          `<rss><channel>${'<item><title>BIST</title></item>'.repeat(60_000)}</channel></rss>`,
        );
      } else {
        res.statusCode = 500;
        res.end('broken');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    config = testConfig('postgres://postgres@127.0.0.1:5432/unused', {
      NEWS_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    redis = new RedisService(config, 'worker');
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
    await redis.onModuleDestroy();
    await deleteRedisPrefix(config.redis.prefix);
  });

  const service = (cfg: AppConfig, extra: Partial<SettingsValues> = {}) =>
    new NewsService(
      redis,
      { get: async () => ({ ...settings, ...extra }) },
      cfg,
      new DemoTextGenerator(),
    );

  it('caches Turkish briefs of topic-matching headlines; broken, huge and slow feeds are skipped within the deadline', async () => {
    settings = {
      ...defaultSettings(),
      news_feed_urls: [
        `${base}/rss`,
        `${base}/atom`,
        `${base}/broken`,
        `${base}/huge`,
        `${base}/slow`,
      ],
    };
    // The slow feed would answer (with one more brief) after 20 s: counted as failed, it shows
    // that the fetch deadline (5 s) ended it.
    const result = await service(config).refresh();
    expect(result).toMatchObject({ status: 'done', briefs: 2, failed_feeds: 3 });
    const briefs = await service(config).cached();
    expect(briefs.map((b) => b.topic).sort()).toEqual(['BIST', 'Kripto']);
    expect(briefs.every((b) => b.brief_tr.length > 0)).toBe(true);
  });

  it('uses a brief at the configured probability: 1 always, 0 never', async () => {
    const always = service(config, { news_trigger_enabled: true, news_trigger_probability: 1 });
    const never = service(config, { news_trigger_enabled: true, news_trigger_probability: 0 });
    for (let i = 0; i < 20; i++) {
      const rng = () => (i % 10) / 10;
      expect((await always.pickFor('BIST', rng))?.topic).toBe('BIST');
      expect(await never.pickFor('BIST', rng)).toBeNull();
    }
    expect(await always.pickFor('FX', () => 0)).toBeNull();
  });

  it('uses a brief in about that share of turns at a probability in between', async () => {
    const some = service(config, { news_trigger_enabled: true, news_trigger_probability: 0.3 });
    const rng = seededRng('news-share');
    let used = 0;
    for (let i = 0; i < 1000; i++) {
      used += (await some.pickFor('BIST', rng)) === null ? 0 : 1;
    }
    expect(used).toBeGreaterThan(250);
    expect(used).toBeLessThan(350);
  });

  it('refuses feeds on private addresses unless allowed', async () => {
    const strict = testConfig('postgres://postgres@127.0.0.1:5432/unused', {
      REDIS_PREFIX: config.redis.prefix,
    });
    settings = { ...defaultSettings(), news_feed_urls: [`${base}/rss`] };
    await expect(service(strict).refresh()).resolves.toMatchObject({ briefs: 0, failed_feeds: 1 });
  });
});
