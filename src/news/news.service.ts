import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { NewsBrief, Rng } from '../engine/engine-types';
import { topicsIn } from '../engine/topic-keywords';
import { TEXT_GENERATOR, TextGenerator } from '../engine/turn/text-generator';
import { JobResult } from '../queue/job-definitions';
import { RedisService } from '../redis/redis.service';
import { SettingsReader } from '../settings/settings-reader.service';
import { DEFAULT_FEED_FETCH, fetchFeed } from './feed-fetcher';
import { parseFeed } from './feed-parser';
import { NewsBriefWriter } from './news-brief-writer';

/** Cached briefs outlive two refreshes, so one failed round leaves the last good set in place. */
const CACHE_TTL_SECONDS = 30 * 60;

/**
 * News (SPEC 7.10): the maintenance queue refreshes the feeds (never a turn), matches headlines to
 * topics and caches short Turkish briefs in Redis; a turn only reads the cache, so a slow or
 * broken feed can never slow it down. Foreign headlines are translated into a Turkish brief by the
 * LLM (NewsBriefWriter).
 */
@Injectable()
export class NewsService {
  private readonly logger = new Logger(NewsService.name);

  constructor(
    private readonly redis: RedisService,
    // Only get() is used: tests hand in plain settings values.
    @Inject(SettingsReader) private readonly settings: Pick<SettingsReader, 'get'>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(TEXT_GENERATOR) private readonly generator: TextGenerator,
  ) {}

  private get cacheKey(): string {
    return this.redis.key('news', 'briefs');
  }

  async refresh(topics: readonly string[] = ['BIST', 'FX', 'Kripto', 'Makro']): Promise<JobResult> {
    const settings = await this.settings.get();
    const results = await Promise.allSettled(
      settings.news_feed_urls.map((url) =>
        fetchFeed(url, {
          ...DEFAULT_FEED_FETCH,
          allowPrivateAddresses: this.config.news.allowPrivateAddresses,
        }),
      ),
    );
    const briefs: NewsBrief[] = [];
    const writer = new NewsBriefWriter(this.generator, this.redis);
    for (const [i, result] of results.entries()) {
      if (result.status === 'rejected') {
        this.logger.warn(`news feed ${i + 1} failed: ${String(result.reason)}`);
        continue;
      }
      for (const item of parseFeed(result.value)) {
        const topic = topicsIn(item.headline, topics)[0];
        if (topic) {
          briefs.push({
            topic,
            headline: item.headline,
            brief_tr: await writer.brief(item.headline, topic),
            url: item.url,
          });
        }
      }
    }
    if (writer.llmDown) {
      this.logger.warn('news briefs of foreign headlines written offline: the LLM failed');
    }
    if (briefs.length > 0) {
      await this.redis.client.set(this.cacheKey, JSON.stringify(briefs), 'EX', CACHE_TTL_SECONDS);
    }
    const failed = results.filter((r) => r.status === 'rejected').length;
    return { status: 'done', briefs: briefs.length, failed_feeds: failed };
  }

  async cached(): Promise<NewsBrief[]> {
    const text = await this.redis.client.get(this.cacheKey);
    return text === null ? [] : (JSON.parse(text) as NewsBrief[]);
  }

  /** A brief for the turn's topic with the configured probability; null otherwise. */
  async pickFor(topic: string, rng: Rng): Promise<NewsBrief | null> {
    const settings = await this.settings.get();
    if (!settings.news_trigger_enabled || rng() >= settings.news_trigger_probability) {
      return null;
    }
    const matching = (await this.cached()).filter((b) => b.topic === topic);
    return matching.length > 0 ? matching[Math.floor(rng() * matching.length)] : null;
  }
}
