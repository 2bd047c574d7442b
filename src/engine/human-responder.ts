import { eligibleSpeakers, IneligibleReason } from './eligibility';
import { HistoryMessage, PlannerBot, Rng } from './engine-types';
import { mentions } from './mention.util';
import { pickOne } from './random.util';
import { scoreTarget } from './reply-target';

export interface HumanResponderInput {
  /** The human message waiting for an answer. */
  message: HistoryMessage;
  /** Recent history of the chat, oldest first (to resolve what the message replies to). */
  history: readonly HistoryMessage[];
  /** Every bot that could take part in the chat, with its row for this chat. */
  bots: readonly PlannerBot[];
  topics: readonly string[];
  now: Date;
  tz: string;
  hourlyMax: number;
  human_reply_enabled: boolean;
}

export type ResponderReason =
  'mentioned' | 'replied_to' | 'best_score' | 'human_reply_disabled' | 'no_eligible_bot';

export interface ResponderChoice {
  /** The one bot that answers; null when none does. */
  bot_id: number | null;
  reason: ResponderReason;
  /** An addressed bot that could not answer, and why (the best-scoring bot answers instead). */
  addressed_unavailable: { bot_id: number; reason: IneligibleReason } | null;
}

/** The bot the message addresses: an @mention or name first, else the author of the replied message. */
function addressedBot(
  input: HumanResponderInput,
): { bot: PlannerBot; reason: 'mentioned' | 'replied_to' } | null {
  const text = input.message.text;
  const mentioned = input.bots
    .map((bot) => ({ bot, at: mentionIndex(text, bot) }))
    .filter((m) => m.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (mentioned) {
    return { bot: mentioned.bot, reason: 'mentioned' };
  }
  const repliedId = input.message.reply_to_id;
  const replied = repliedId === null ? undefined : input.history.find((m) => m.id === repliedId);
  const authorId = replied?.bot_id ?? null;
  const author = authorId === null ? undefined : input.bots.find((b) => b.id === authorId);
  return author ? { bot: author, reason: 'replied_to' } : null;
}

/** Where the bot is addressed in the text (for "first mentioned wins"); -1 when it is not. */
function mentionIndex(text: string, bot: PlannerBot): number {
  if (!mentions(text, bot)) {
    return -1;
  }
  const lower = text.toLocaleLowerCase('tr');
  const byHandle = bot.username ? lower.indexOf(`@${bot.username.toLocaleLowerCase('tr')}`) : -1;
  const byName = lower.indexOf(bot.name.toLocaleLowerCase('tr'));
  const found = [byHandle, byName].filter((i) => i >= 0);
  return found.length > 0 ? Math.min(...found) : 0;
}

/**
 * Which single bot answers a real person (SPEC 7.9), so a group never sees a pile-on: the bot
 * mentioned (or, failing that, the one replied to) when it can speak, else the eligible bot whose
 * persona fits the message best (reply-target scoring: watchlist, topics, empathy with distress),
 * ties drawn at random. With human_reply_enabled off no bot answers.
 */
export function chooseHumanResponder(input: HumanResponderInput, rng: Rng): ResponderChoice {
  if (!input.human_reply_enabled) {
    return { bot_id: null, reason: 'human_reply_disabled', addressed_unavailable: null };
  }
  const { eligible, excluded } = eligibleSpeakers({
    bots: input.bots,
    now: input.now,
    tz: input.tz,
    hourlyMax: input.hourlyMax,
    // Answering a person is not talking to oneself: the previous author may answer.
    previousAuthorId: null,
  });
  const addressed = addressedBot(input);
  let unavailable: ResponderChoice['addressed_unavailable'] = null;
  if (addressed) {
    if (eligible.some((b) => b.id === addressed.bot.id)) {
      return { bot_id: addressed.bot.id, reason: addressed.reason, addressed_unavailable: null };
    }
    const why = excluded.find((e) => e.bot_id === addressed.bot.id);
    unavailable = { bot_id: addressed.bot.id, reason: why?.reason ?? 'not_in_chat' };
  }
  if (eligible.length === 0) {
    return { bot_id: null, reason: 'no_eligible_bot', addressed_unavailable: unavailable };
  }
  const scored = eligible.map((bot) => ({
    bot,
    score: scoreTarget(input.message, 0, {
      speaker: bot,
      history: input.history,
      topics: input.topics,
    }).score,
  }));
  const top = Math.max(...scored.map((s) => s.score));
  const best = pickOne(
    scored.filter((s) => s.score === top),
    rng,
  );
  return { bot_id: best?.bot.id ?? null, reason: 'best_score', addressed_unavailable: unavailable };
}
