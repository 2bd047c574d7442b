import { createHash } from 'node:crypto';
import { buildNewsBriefPrompt } from '../engine/prompt-builder';
import { samplingFor } from '../engine/sampling';
import { englishShare, looksTurkish } from '../engine/turkish-text.util';
import { TextGenerator } from '../engine/turn/text-generator';
import { DemoContext } from '../llm/demo/demo-context';
import { newsBrief } from '../llm/demo/demo-generator';
import { LlmError } from '../llm/llm-error';
import { RedisService } from '../redis/redis.service';

/** A headline's LLM brief is reused for a day: feeds repeat their items at every refresh. */
const BRIEF_CACHE_SECONDS = 24 * 3600;
/** Longer than this is not "one short sentence"; the brief is cut at a word boundary. */
const MAX_BRIEF_CHARS = 240;
const MIN_SENTENCE_CHARS = 20;

/** The neutral persona the generator needs; a brief speaks for no bot. */
const EDITOR: Omit<DemoContext, 'topic' | 'headline'> = {
  botName: 'haber',
  persona: { risk_profile: 'orta', watchlist: [], emojis: false, disclaimer: false },
  emotion: { energy: 0.5, signature_emoji: [], signature_phrases: [] },
  holdings: [],
  stances: [],
  action: 'new',
  replyTarget: null,
  mention: false,
  news: null,
  length: 'short',
  timeOfDay: '',
};

/**
 * The Turkish one-sentence brief of a headline (SPEC 7.10). A Turkish headline is its own brief;
 * a foreign one is translated and summarised by the engine's text generator — the same client as
 * turns, so its timeouts, retries, circuit breaker and budget apply, and the offline demo
 * generator answers when no key is set. An LLM failure or an answer that is not Turkish falls back
 * to the offline brief, so a feed round always yields briefs. `llmDown` stops asking the LLM for
 * the rest of a round once it has failed (a dead endpoint must not cost a timeout per headline).
 */
export class NewsBriefWriter {
  llmDown = false;

  constructor(
    private readonly generator: TextGenerator,
    private readonly redis: RedisService,
  ) {}

  private cacheKey(headline: string): string {
    return this.redis.key('news', 'brief', createHash('sha256').update(headline).digest('hex'));
  }

  async brief(headline: string, topic: string): Promise<string> {
    const own = oneSentence(headline);
    if (own !== null) {
      return own;
    }
    if (this.llmDown) {
      return newsBrief(headline, topic);
    }
    const key = this.cacheKey(headline);
    const cached = await this.redis.client.get(key);
    if (cached !== null) {
      return cached;
    }
    let text: string;
    try {
      const result = await this.generator.generate({
        kind: 'news_brief',
        botId: null,
        model: null,
        prompt: buildNewsBriefPrompt(headline, null, topic),
        demo: { ...EDITOR, topic, headline },
        sampling: samplingFor(EDITOR.persona, EDITOR.emotion, 'news_brief', 'short'),
        seed: headline,
      });
      text = result.text;
    } catch (error) {
      if (!(error instanceof LlmError)) {
        throw error;
      }
      this.llmDown = true;
      return newsBrief(headline, topic);
    }
    const sentence = oneSentence(text);
    if (sentence === null) {
      return newsBrief(headline, topic);
    }
    await this.redis.client.set(key, sentence, 'EX', BRIEF_CACHE_SECONDS);
    return sentence;
  }
}

/** The model's first sentence, unquoted and capped; null when it is empty or not Turkish. */
export function oneSentence(text: string): string | null {
  // Double quotes go everywhere (models quote their answer); apostrophes stay (Fed'in).
  const clean = text
    .replace(/["“”«»]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  const split = clean.split(/(?<=[.!?])\s/u)[0] ?? '';
  // A "sentence" this short was cut at an abbreviation (A.Ş., vb.): keep the whole answer.
  const first = split.length < MIN_SENTENCE_CHARS ? clean : split;
  if (first === '' || !readsTurkish(first)) {
    return null;
  }
  const space = first.lastIndexOf(' ', MAX_BRIEF_CHARS - 1);
  const capped =
    first.length > MAX_BRIEF_CHARS
      ? `${first.slice(0, space > 0 ? space : MAX_BRIEF_CHARS - 1)}…`
      : first;
  return /[.!?…]$/u.test(capped) ? capped : `${capped}.`;
}

/**
 * The language check for the model's answer: looksTurkish, or Turkish letters with no net English
 * (looksTurkish alone misreads suffixes after an apostrophe: "Fed'in" counts as English "in").
 */
function readsTurkish(text: string): boolean {
  return looksTurkish(text) || (/[çğıöşüÇĞİÖŞÜ]/u.test(text) && englishShare(text) === 0);
}
