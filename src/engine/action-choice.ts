import { HistoryMessage, Rng, TurnAction } from './engine-types';
import { chance } from './random.util';

/** A chat with no message for this long is quiet (new_message_probability applies). */
export const QUIET_AFTER_MS = 10 * 60_000;

export interface ActionInput {
  /** Recent history, oldest first. */
  history: readonly HistoryMessage[];
  now: Date;
  short_reaction_probability: number;
  reply_probability: number;
  new_message_probability: number;
}

export type ActionReason = 'quiet_chat_new_thread' | 'short_reaction' | 'reply' | 'new_thread';

export type ActionChoice =
  { action: TurnAction; reason: ActionReason } | { skip: 'quiet_chat_stays_quiet' };

/** Whether nothing was said in the chat for QUIET_AFTER_MS (an empty chat is quiet). */
export function isQuiet(history: readonly HistoryMessage[], now: Date): boolean {
  const newest = history.at(-1);
  return !newest || now.getTime() - newest.created_at.getTime() >= QUIET_AFTER_MS;
}

/**
 * The kind of turn (SPEC 7.1 step 2). A quiet chat (nothing for 10 minutes) gets a new thread
 * with new_message_probability, otherwise the turn is skipped and it stays quiet a while longer
 * (the registry's meaning of that setting). A live chat gets an emoji reaction with
 * short_reaction_probability, else a reply with reply_probability, else a new thread.
 */
export function chooseAction(input: ActionInput, rng: Rng): ActionChoice {
  if (isQuiet(input.history, input.now)) {
    return chance(input.new_message_probability, rng)
      ? { action: 'new', reason: 'quiet_chat_new_thread' }
      : { skip: 'quiet_chat_stays_quiet' };
  }
  if (chance(input.short_reaction_probability, rng)) {
    return { action: 'reaction', reason: 'short_reaction' };
  }
  if (chance(input.reply_probability, rng)) {
    return { action: 'reply', reason: 'reply' };
  }
  return { action: 'new', reason: 'new_thread' };
}
