import { EmotionProfile } from '../../engine/engine-types';
import {
  describeValue,
  isRecord,
  Normalized,
  own,
  ownAny,
  readLevel,
  readText,
  readTextList,
  Warn,
} from './persona-value.util';

const MAX_EMOJI = 8;
const DEFAULT_TONE = 'dengeli';

const segmenter = new Intl.Segmenter('tr', { granularity: 'grapheme' });
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/**
 * Signature emoji from a string ("🚀", "🚀📈", "🚀, 📈") or a list. Runs of emoji are split into
 * single emoji (grapheme clusters, so 👍🏽 and flags stay whole); text items are kept as written.
 */
function readEmoji(value: unknown, warn: Warn): string[] {
  const pieces = readTextList(value, 'emotion_profile.signature_emoji', warn, {
    maxItems: 50,
    maxLength: 64,
    separators: /[,;\s]+/,
  });
  const out: string[] = [];
  for (const piece of pieces) {
    const graphemes = Array.from(segmenter.segment(piece), (s) => s.segment);
    const allEmoji = graphemes.every((g) => PICTOGRAPHIC.test(g));
    for (const item of allEmoji ? graphemes : [piece.slice(0, 16)]) {
      if (!out.includes(item)) {
        out.push(item);
      }
    }
  }
  if (out.length > MAX_EMOJI) {
    warn(`emotion_profile.signature_emoji: kept the first ${MAX_EMOJI} of ${out.length}`);
    return out.slice(0, MAX_EMOJI);
  }
  return out;
}

/**
 * An emotion_profile in any of its variants as a complete EmotionProfile (empathy and energy as
 * 0–1 numbers or words such as "yüksek" / "low"). Accepts any JSON; never throws.
 */
export function normalizeEmotionProfile(raw: unknown): Normalized<EmotionProfile> {
  const warnings: string[] = [];
  const warn: Warn = (m) => warnings.push(m);
  if (raw !== undefined && raw !== null && !isRecord(raw)) {
    warn(`emotion_profile: ${describeValue(raw)} is not an object, using defaults`);
  }
  const tone = readText(own(raw, 'tone'), 'emotion_profile.tone', warn, 200);
  const value: EmotionProfile = {
    tone: tone && tone.length > 0 ? tone : DEFAULT_TONE,
    empathy: readLevel(own(raw, 'empathy'), 'emotion_profile.empathy', warn, 0.5),
    energy: readLevel(own(raw, 'energy'), 'emotion_profile.energy', warn, 0.5),
    signature_emoji: readEmoji(ownAny(raw, ['signature_emoji', 'signature_emojis']), warn),
    signature_phrases: readTextList(
      own(raw, 'signature_phrases'),
      'emotion_profile.signature_phrases',
      warn,
      { maxItems: 12, maxLength: 200, separators: /[;\n|]+/ },
    ),
    anecdotes: readTextList(own(raw, 'anecdotes'), 'emotion_profile.anecdotes', warn, {
      maxItems: 12,
      maxLength: 400,
      separators: /\n+/,
    }),
  };
  return { value, warnings };
}
