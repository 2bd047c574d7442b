import request from 'supertest';
import { Bot, BotStatus } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import { Counter, incrementCounter } from '../../../src/metrics/counters';
import { TimeseriesDto } from '../../../src/metrics/dto/timeseries.dto';
import { RedisService } from '../../../src/redis/redis.service';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import { MessageFactory } from '../../support/factories/message.factory';
import { UserFactory } from '../../support/factories/user.factory';

describe('metrics API', () => {
  let api: ApiHarness;
  let viewer: string;
  let bots: Bot[];
  let chats: Chat[];
  /** The start of a minute a few minutes ago, from the database clock. */
  let minute: Date;

  beforeAll(async () => {
    api = await ApiHarness.start('metrics');
    viewer = (await UserFactory.withApiKey(api.dataSource, Role.Viewer)).rawKey;
    const botRepo = api.dataSource.getRepository(Bot);
    bots = await botRepo.save([
      { name: 'Ayşe' },
      { name: 'Mehmet' },
      { name: 'Kapalı', isEnabled: false },
      { name: 'Hatalı', status: BotStatus.Error },
    ]);
    chats = await api.dataSource.getRepository(Chat).save([
      { chatId: -1001, title: 'BIST Sohbet' },
      { chatId: -1002, title: 'Kripto' },
    ]);
    const [row] = await api.dataSource.query<{ m: Date }[]>(
      `SELECT date_trunc('minute', now()) - interval '3 minutes' AS m`,
    );
    minute = row.m;
    const at = (secondsAfter: number): Date => new Date(minute.getTime() + secondsAfter * 1000);
    const [ayse, mehmet] = bots;
    const [bist, kripto] = chats;
    const sent = { state: MessageState.Sent };
    await MessageFactory.create(api.dataSource, {
      ...sent,
      botId: ayse.id,
      chatDbId: bist.id,
      createdAt: at(1),
    });
    await MessageFactory.create(api.dataSource, {
      ...sent,
      botId: ayse.id,
      chatDbId: bist.id,
      createdAt: at(2),
    });
    await MessageFactory.create(api.dataSource, {
      ...sent,
      botId: mehmet.id,
      chatDbId: kripto.id,
      createdAt: at(61),
    });
    // Not counted: failed, a human's message, a reaction, and one older than an hour.
    await MessageFactory.create(api.dataSource, {
      state: MessageState.Failed,
      botId: ayse.id,
      chatDbId: bist.id,
      createdAt: at(3),
    });
    await MessageFactory.create(api.dataSource, {
      ...sent,
      botId: null,
      chatDbId: bist.id,
      createdAt: at(4),
    });
    await MessageFactory.create(api.dataSource, {
      ...sent,
      kind: MessageKind.Reaction,
      botId: mehmet.id,
      chatDbId: bist.id,
      createdAt: at(5),
    });
    await MessageFactory.create(api.dataSource, {
      ...sent,
      botId: ayse.id,
      chatDbId: bist.id,
      createdAt: at(-2 * 3600),
    });

    const redis = api.app.get(RedisService);
    await incrementCounter(redis, Counter.Telegram429, 2);
    await incrementCounter(redis, Counter.RateLimitHits);
  });
  afterAll(async () => {
    await api.stop();
  });

  it('reports the original fields, counting only sent bot text messages', async () => {
    const res = await request(api.url).get('/api/metrics').set('X-API-Key', viewer).expect(200);
    expect(res.body).toMatchObject({
      total_bots: 4,
      active_bots: 2,
      total_chats: 2,
      messages_last_hour: 3,
      messages_per_minute: 0.05,
      simulation_active: false,
      scale_factor: 1,
      rate_limit_hits: 1,
      telegram_429_count: 2,
      telegram_5xx_count: 0,
      messages_by_state_last_hour: { sent: 5, failed: 1 },
      queue_pending: 0,
    });
  });

  it('gives per-minute series per chat and per bot with every bucket filled', async () => {
    const byChat = await request(api.url)
      .get('/api/metrics/timeseries?minutes=10&group_by=chat')
      .set('X-API-Key', viewer)
      .expect(200);
    const body = byChat.body as TimeseriesDto;
    expect(body.buckets).toHaveLength(10);
    expect(body.totals).toHaveLength(10);
    const i = body.buckets.indexOf(minute.toISOString());
    expect(i).toBeGreaterThanOrEqual(0);
    const bist = body.series.find((s) => s.label === 'BIST Sohbet');
    const kripto = body.series.find((s) => s.label === 'Kripto');
    expect(bist?.counts[i]).toBe(2);
    expect(bist?.total).toBe(2);
    expect(kripto?.counts[i + 1]).toBe(1);
    expect(body.totals.reduce((a, b) => a + b, 0)).toBe(3);

    const byBot = await request(api.url)
      .get('/api/metrics/timeseries?minutes=10&group_by=bot')
      .set('X-API-Key', viewer)
      .expect(200);
    const bots = (byBot.body as TimeseriesDto).series.map((s) => [s.label, s.total]);
    expect(bots).toEqual([
      ['Ayşe', 2],
      ['Mehmet', 1],
    ]);
  });

  it('keeps the busiest series and sums the rest into "other"', async () => {
    const res = await request(api.url)
      .get('/api/metrics/timeseries?minutes=10&group_by=bot&top=1')
      .set('X-API-Key', viewer)
      .expect(200);
    const series = (res.body as TimeseriesDto).series.map((s) => [s.id, s.label, s.total]);
    expect(series).toEqual([
      [bots[0].id, 'Ayşe', 2],
      [null, 'other', 1],
    ]);
  });

  it('defaults to 60 minutes by chat and validates the query', async () => {
    const res = await request(api.url)
      .get('/api/metrics/timeseries')
      .set('X-API-Key', viewer)
      .expect(200);
    expect(res.body).toMatchObject({ minutes: 60, group_by: 'chat' });
    expect(res.body.buckets).toHaveLength(60);
    const bad = await request(api.url)
      .get('/api/metrics/timeseries?minutes=0&group_by=user&top=0')
      .set('X-API-Key', viewer)
      .expect(400);
    const fields = (bad.body.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['minutes', 'group_by', 'top']));
  });

  it('needs authentication', async () => {
    await request(api.url).get('/api/metrics').expect(401);
    await request(api.url).get('/api/metrics/timeseries').expect(401);
  });
});
