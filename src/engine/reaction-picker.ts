import type { Rng } from './engine-types';
import { analyzeSentiment } from './sentiment';

/**
 * Emoji reactions (SPEC 7.1): one reaction per bot per message via setMessageReaction, chosen
 * from the message's mood and the persona's signature emoji. Telegram accepts only its own list
 * of reaction emoji (exact code points, without the U+FE0F variation selector); anything else is
 * rejected with REACTION_INVALID, so every pick is restricted to that list.
 */

/** Telegram's allowed standard reaction emoji (Bot API ReactionTypeEmoji). */
export const TELEGRAM_REACTION_EMOJI: readonly string[] = [
  '👍',
  '👎',
  '❤',
  '🔥',
  '🥰',
  '👏',
  '😁',
  '🤔',
  '🤯',
  '😱',
  '🤬',
  '😢',
  '🎉',
  '🤩',
  '🤮',
  '💩',
  '🙏',
  '👌',
  '🕊',
  '🤡',
  '🥱',
  '🥴',
  '😍',
  '🐳',
  '❤‍🔥',
  '🌚',
  '🌭',
  '💯',
  '🤣',
  '⚡',
  '🍌',
  '🏆',
  '💔',
  '🤨',
  '😐',
  '🍓',
  '🍾',
  '💋',
  '🖕',
  '😈',
  '😴',
  '😭',
  '🤓',
  '👻',
  '👨‍💻',
  '👀',
  '🎃',
  '🙈',
  '😇',
  '😨',
  '🤝',
  '✍',
  '🤗',
  '🫡',
  '🎅',
  '🎄',
  '☃',
  '💅',
  '🤪',
  '🗿',
  '🆒',
  '💘',
  '🙉',
  '🦄',
  '😘',
  '💊',
  '🙊',
  '😎',
  '👾',
  '🤷‍♂',
  '🤷',
  '🤷‍♀',
  '😡',
];

/**
 * Allowed by Telegram but never used by our bots: insulting, vulgar, mocking or off-topic in a
 * market group (a bot mocking a member's loss with 🤡 reads as harassment), plus the seasonal ones.
 */
export const EXCLUDED_REACTION_EMOJI: ReadonlySet<string> = new Set([
  '👎',
  '🤬',
  '🤮',
  '💩',
  '🤡',
  '🖕',
  '😈',
  '💋',
  '🍌',
  '🌭',
  '💊',
  '🍓',
  '💅',
  '😘',
  '💘',
  '🥴',
  '🥱',
  '😴',
  '🎅',
  '🎄',
  '☃',
  '🎃',
  '👻',
  '🙉',
  '🙊',
  '🙈',
  '😡',
  '🤪',
]);

/** The reactions our bots may use. */
export const SAFE_REACTION_EMOJI: readonly string[] = TELEGRAM_REACTION_EMOJI.filter(
  (emoji) => !EXCLUDED_REACTION_EMOJI.has(emoji),
);

type Mood = 'euphoric' | 'positive' | 'negative' | 'distress' | 'humor' | 'question' | 'neutral';

const MOOD_POOLS: Record<Mood, readonly string[]> = {
  euphoric: ['🔥', '🎉', '🤩', '💯', '🏆', '⚡', '🍾', '👏', '❤‍🔥'],
  positive: ['👍', '👌', '🔥', '👏', '💯', '🤝', '❤', '😎'],
  negative: ['😱', '🤯', '😨', '🤔', '😐', '💔'],
  distress: ['😢', '🙏', '💔', '😭', '🤗', '😨'],
  humor: ['😁', '🤣', '😎', '🗿'],
  question: ['🤔', '👀', '🤨', '🤓', '✍'],
  neutral: ['👍', '👌', '👀', '🤔', '🫡', '🤝', '✍'],
};

/** Short text reactions when a chat does not allow reactions (SPEC 7.1 fallback). */
const FALLBACK_TEXTS: Record<Mood, readonly string[]> = {
  euphoric: ['🔥🔥', 'helal 👏', 'uçtu resmen 🚀', 'süper 💯'],
  positive: ['👍', 'aynen 👍', 'mantıklı 👌', 'katılıyorum 🤝'],
  negative: ['😬', 'of of', 'hayırlısı 🤔', 'zor görünüyor 😐'],
  distress: ['geçmiş olsun 🙏', 'üzüldüm 😢', 'toparlar inşallah 🙏'],
  humor: ['😂', 'ahaha 😁', 'sksksk 😂'],
  question: ['🤔', 'iyi soru 🤔', '👀'],
  neutral: ['👍', '👀', '👌'],
};

export interface ReactionChoice {
  /**
   * An emoji from SAFE_REACTION_EMOJI (and from the chat's allowed list when given); null when
   * the chat allows none of ours: send fallbackText instead.
   */
  emoji: string | null;
  /** What to send as a short reply instead, where the chat allows no reactions. */
  fallbackText: string;
  mood: Mood;
}

export interface ReactionRequest {
  text: string;
  signatureEmoji: readonly string[];
  rng: Rng;
  /** The chat's available reactions when restricted (getChat available_reactions). */
  allowed?: readonly string[] | null;
}

/** Telegram lists emoji without U+FE0F; personas often carry it ("❤️"). */
export function toReactionEmoji(emoji: string): string {
  return emoji.replace(/\uFE0F/g, '').trim();
}

function moodOf(text: string): Mood {
  const sentiment = analyzeSentiment(text);
  if (sentiment.tags.includes('distress')) {
    return 'distress';
  }
  if (sentiment.tags.includes('humor') && sentiment.score > -0.3) {
    return 'humor';
  }
  if (sentiment.score >= 0.6 || (sentiment.tags.includes('euphoria') && sentiment.score > 0.2)) {
    return 'euphoric';
  }
  if (sentiment.score >= 0.15) {
    return 'positive';
  }
  if (sentiment.score <= -0.15) {
    return 'negative';
  }
  if (sentiment.tags.includes('question')) {
    return 'question';
  }
  return 'neutral';
}

/**
 * Picks one reaction: the persona's own signature emoji when it is a valid reaction and suits
 * the mood (a 🔥 person does not 🔥 someone's stop-loss), otherwise one from the mood's pool.
 */
export function pickReaction(request: ReactionRequest): ReactionChoice {
  const mood = moodOf(request.text);
  const allowedSet = new Set(
    (request.allowed ?? SAFE_REACTION_EMOJI).map(toReactionEmoji).filter((e) => e.length > 0),
  );
  const usable = (emoji: string): boolean =>
    allowedSet.has(emoji) && SAFE_REACTION_EMOJI.includes(emoji);

  const moodPool = MOOD_POOLS[mood].filter(usable);
  const signature = request.signatureEmoji
    .map(toReactionEmoji)
    .filter((emoji) => usable(emoji) && suitsMood(emoji, mood));
  const roll = request.rng();
  let emoji: string | undefined;
  if (signature.length > 0 && roll < 0.45) {
    emoji = signature[Math.floor((roll / 0.45) * signature.length) % signature.length];
  } else if (moodPool.length > 0) {
    emoji = moodPool[Math.floor(request.rng() * moodPool.length) % moodPool.length];
  } else {
    emoji = SAFE_REACTION_EMOJI.find(usable);
  }
  const fallbacks = FALLBACK_TEXTS[mood];
  const fallbackText = fallbacks[Math.floor(request.rng() * fallbacks.length) % fallbacks.length];
  return { emoji: emoji ?? null, fallbackText, mood };
}

function suitsMood(emoji: string, mood: Mood): boolean {
  const cheerful = new Set(['🔥', '🎉', '🤩', '💯', '🏆', '⚡', '🍾', '👏', '❤‍🔥', '😁', '🤣']);
  if (mood === 'distress' || mood === 'negative') {
    return !cheerful.has(emoji);
  }
  if (mood === 'euphoric' || mood === 'positive') {
    return !['😢', '😭', '💔', '😱', '😨'].includes(emoji);
  }
  return true;
}
