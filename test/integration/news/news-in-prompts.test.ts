import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { JobProducer } from '../../../src/queue/job-producer.service';
import { RecordedLlmRequest } from '../../support/fakes/fake-openai-server';
import { chatReply, EngineE2e, FAST_SETTINGS } from '../../support/engine-e2e';

jest.setTimeout(120_000);

const TURKISH = 'Borsa İstanbul günü rekorla kapattı';
const FOREIGN = 'Bitcoin rallies as crypto inflows surge';
const TRANSLATED = 'Bitcoin, kripto fonlarına girişlerin artmasıyla yükselişe geçti.';
const FEED = `<?xml version="1.0"?><rss version="2.0"><channel><title>Piyasa</title>
<item><title>${TURKISH}</title><link>http://x/1</link></item>
<item><title>${FOREIGN}</title><link>http://x/2</link></item></channel></rss>`;
const NEWS_LINE = 'Gündemdeki haber (uygunsa değin, aynen kopyalama): ';

/** The prompt of a regular group message (not a paraphrase, check or news brief). */
const isChatPrompt = (r: RecordedLlmRequest) =>
  r.body.messages.some((m) => m.content.includes('Görev: sohbetteki sıradaki mesajını yaz'));
const newsIn = (r: RecordedLlmRequest): string | null => {
  const user = r.body.messages.find((m) => m.role === 'user')?.content ?? '';
  const line = user.split('\n').find((l) => l.startsWith(NEWS_LINE));
  return line === undefined ? null : line.slice(NEWS_LINE.length);
};

/**
 * News end to end (SPEC 7.10): a worker process refreshes the feeds on its maintenance queue
 * (served here by a local RSS fixture with a working, a broken and a hanging feed), the fake
 * OpenAI server translates the foreign headline, and the turns' prompts carry the briefs at the
 * configured probability — while the turns themselves never touch a feed.
 */
describe('news briefs in the turns’ prompts (worker process, local feeds)', () => {
  let e2e: EngineE2e;
  let feeds: Server;
  const feedRequests: string[] = [];
  /**
   * The third feed answers (with nothing) until `hang` is set; then its request hangs until the
   * fetch gives up on it. When that request arrived and when it was given up:
   */
  const slow = { hang: false, openedAt: 0, closedAt: 0 };

  beforeAll(async () => {
    feeds = createServer((req, res) => {
      feedRequests.push(req.url ?? '');
      if (req.url === '/feed') {
        res.end(FEED);
      } else if (req.url === '/slow' && !slow.hang) {
        res.end('<rss><channel></channel></rss>');
      } else if (req.url === '/slow') {
        slow.openedAt = Date.now();
        res.on('close', () => (slow.closedAt = Date.now()));
      } else {
        res.statusCode = 500;
        res.end('broken');
      }
    });
    await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;

    e2e = await EngineE2e.start('news_e2e');
    e2e.llm.reply = (request, index) =>
      request.body.messages.some((m) => m.content.includes(`Başlık: ${FOREIGN}`))
        ? TRANSLATED
        : chatReply(request, index);
    await e2e.settings({
      ...FAST_SETTINGS,
      short_reaction_probability: 0,
      news_trigger_enabled: true,
      news_trigger_probability: 1,
      news_feed_urls: [`${base}/feed`, `${base}/broken`, `${base}/slow`],
    });
    const bots = [await e2e.bot('Selin'), await e2e.bot('Tolga')];
    for (const title of ['Borsa', 'Kripto sohbet', 'Yatırım', 'Piyasa']) {
      await e2e.chat(
        title,
        bots.map((b) => b.bot.id),
        { topics: ['BIST', 'Kripto'] },
      );
    }
    await e2e.startWorker({ NEWS_ALLOW_PRIVATE_ADDRESSES: 'true' });
  });

  afterAll(async () => {
    await e2e.stop();
    feeds.closeAllConnections();
    feeds.close();
  });

  const chatPrompts = () => e2e.llm.requests.filter(isChatPrompt);
  const sends = () => e2e.telegram.requestsFor('sendMessage');

  it('turns go on while a feed hangs: the refresh runs on the maintenance queue, not in a turn', async () => {
    // The worker's first refresh ran at start; once the chats talk, a second one meets a hang.
    await e2e.waitFor('the chats talking', () => sends().length >= 4, 60_000);
    slow.hang = true;
    await e2e.api.app.get(JobProducer).enqueue('maintenance.news_refresh', {});
    await e2e.waitFor('the feed refresh to hang', () => slow.openedAt > 0);
    const before = sends().length;
    await e2e.waitFor('the hanging feed to be given up', () => slow.closedAt > 0, 30_000);
    expect(sends().length).toBeGreaterThan(before);
  });

  it('with news_trigger_probability 1 every message prompt carries a Turkish brief', async () => {
    await e2e.waitFor('a prompt with news', () => chatPrompts().some((r) => newsIn(r) !== null));
    const first = chatPrompts().findIndex((r) => newsIn(r) !== null);
    // Requests already waiting for an LLM slot when the cache filled may still lack it.
    const from = first + 4;
    await e2e.waitFor('more prompts', () => chatPrompts().length >= from + 8, 60_000);
    const briefs = chatPrompts().slice(from).map(newsIn);
    expect(briefs.every((b) => b === `${TURKISH}.` || b === TRANSLATED)).toBe(true);
    // The foreign headline was translated once, by the LLM.
    const translations = e2e.llm.requests.filter((r) =>
      r.body.messages.some((m) => m.content.includes(`Başlık: ${FOREIGN}`)),
    );
    expect(translations).toHaveLength(1);
  });

  it('with news_trigger_probability 0 no prompt carries news', async () => {
    await e2e.settings({ news_trigger_probability: 0 });
    // The worker's settings are at most a second stale.
    await new Promise((r) => setTimeout(r, 2000));
    const from = chatPrompts().length + 4;
    await e2e.waitFor('more prompts', () => chatPrompts().length >= from + 6, 60_000);
    expect(
      chatPrompts()
        .slice(from)
        .map(newsIn)
        .filter((b) => b !== null),
    ).toEqual([]);
  });

  it('feeds were fetched by the two refreshes only, however many turns ran', () => {
    expect(chatPrompts().length).toBeGreaterThan(15);
    expect(feedRequests.sort()).toEqual(['/broken', '/broken', '/feed', '/feed', '/slow', '/slow']);
  });
});
