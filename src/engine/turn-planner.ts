import type { SettingsValues } from '../settings/settings.registry';
import { ActionReason, chooseAction } from './action-choice';
import { eligibleSpeakers, IneligibleReason } from './eligibility';
import {
  HistoryMessage,
  LengthCategory,
  LocalTimeContext,
  PlannerBot,
  PlannerChat,
  Rng,
  TurnAction,
} from './engine-types';
import { chooseLength } from './length-choice';
import { chooseReplyTarget } from './reply-target';
import { chooseSpeaker, SpeakerReason } from './speaker-selection';
import { symbolsIn } from './symbols.util';
import { localContext } from './time-window.util';
import { chooseTopic, TopicReason } from './topic-selection';

export type PlannerSettings = Pick<
  SettingsValues,
  | 'simulation_active'
  | 'timezone'
  | 'reply_probability'
  | 'reply_to_bots_probability'
  | 'mention_probability'
  | 'short_reaction_probability'
  | 'new_message_probability'
  | 'message_length_profile'
  | 'cooldown_filter_enabled'
  | 'bot_hourly_msg_limit'
>;

export interface TurnInput {
  settings: PlannerSettings;
  chat: PlannerChat;
  /** Every bot that could take part (normally all enabled bots) with its row for this chat. */
  bots: readonly PlannerBot[];
  /** Recent history of the chat, oldest first. */
  history: readonly HistoryMessage[];
  now: Date;
  /** A human message is waiting for its answer: that answer takes priority (SPEC 7.9). */
  pending_human_message: boolean;
}

export type SkipReason =
  | 'simulation_stopped'
  | 'chat_disabled'
  | 'human_message_pending'
  | 'no_eligible_bot'
  | 'quiet_chat_stays_quiet';

export interface TurnSkip {
  skip: SkipReason;
  /** Why each bot was left out (for no_eligible_bot). */
  excluded: { bot_id: number; reason: IneligibleReason }[];
}

export interface TurnPlan {
  action: TurnAction;
  speaker_id: number;
  /** The message replied or reacted to; null for a new thread. */
  target_message_id: number | null;
  /** Username to @mention in a reply; null for none. */
  mention_username: string | null;
  topic: string;
  /** Null for a reaction (no text is written). */
  length: LengthCategory | null;
  timezone: string;
  time_context: LocalTimeContext;
  /** Symbols the turn is about: the target's, else the last few messages'. */
  thread_symbols: string[];
  reasons: {
    action: ActionReason | 'no_target_new_thread';
    speaker: SpeakerReason;
    speaker_weights: { bot_id: number; weight: number }[];
    /** What made the target score (human, question …); null without a target. */
    target: string[] | null;
    /** Why a planned reply or reaction found no target and became a new thread. */
    target_fallback: 'nothing_recent' | 'bots_not_targeted' | null;
    topic: TopicReason;
    cooled_topics: string[];
    excluded: { bot_id: number; reason: IneligibleReason }[];
  };
}

const THREAD_LOOKBACK = 5;

function threadSymbols(
  target: HistoryMessage | null,
  history: readonly HistoryMessage[],
): string[] {
  const source = target ? [target] : history.slice(-THREAD_LOOKBACK);
  return [...new Set(source.flatMap((m) => [...m.symbols, ...symbolsIn(m.text)]))];
}

/**
 * Plans one turn of a chat (SPEC 7.1 steps 1–5): whether to act, what kind of turn, who speaks,
 * to what, about which topic and how long. Pure: the worker loads the input, calls this with an
 * Rng, and carries the plan out (prompt, LLM, limits, send).
 */
export function planTurn(input: TurnInput, rng: Rng): TurnPlan | TurnSkip {
  const { settings, chat, history, now } = input;
  if (!settings.simulation_active) {
    return { skip: 'simulation_stopped', excluded: [] };
  }
  if (!chat.is_enabled) {
    return { skip: 'chat_disabled', excluded: [] };
  }
  if (input.pending_human_message) {
    return { skip: 'human_message_pending', excluded: [] };
  }
  const tz = chat.timezone ?? settings.timezone;
  const { eligible, excluded } = eligibleSpeakers({
    bots: input.bots,
    now,
    tz,
    hourlyMax: settings.bot_hourly_msg_limit.max,
    previousAuthorId: history.at(-1)?.bot_id ?? null,
  });
  if (eligible.length === 0) {
    return { skip: 'no_eligible_bot', excluded };
  }

  const actionChoice = chooseAction({ ...settings, history, now }, rng);
  if ('skip' in actionChoice) {
    return { skip: actionChoice.skip, excluded };
  }
  const speakerChoice = chooseSpeaker(
    eligible,
    { history, hourlyMin: settings.bot_hourly_msg_limit.min },
    rng,
  );
  if (!speakerChoice) {
    return { skip: 'no_eligible_bot', excluded };
  }
  const speaker = speakerChoice.bot;

  let action = actionChoice.action;
  let actionReason: TurnPlan['reasons']['action'] = actionChoice.reason;
  let target: HistoryMessage | null = null;
  let targetReasons: string[] | null = null;
  let targetFallback: TurnPlan['reasons']['target_fallback'] = null;
  let mention: string | null = null;
  if (action === 'reply' || action === 'reaction') {
    const reaction = action === 'reaction';
    const choice = chooseReplyTarget(
      {
        speaker,
        history,
        topics: chat.topics,
        now,
        // A reaction may land on a bot's message and never mentions anyone.
        reply_to_bots_probability: reaction ? 1 : settings.reply_to_bots_probability,
        mention_probability: reaction ? 0 : settings.mention_probability,
      },
      rng,
    );
    if (choice.target) {
      target = choice.target;
      targetReasons = choice.reasons;
      mention = choice.mention;
    } else {
      action = 'new';
      actionReason = 'no_target_new_thread';
      targetFallback = choice.reason;
    }
  }

  const topicChoice = chooseTopic(
    {
      chatTopics: chat.topics,
      stances: speaker.stances,
      cooldownFilter: settings.cooldown_filter_enabled,
      now,
      history,
      target,
      newThread: action === 'new',
    },
    rng,
  );
  const length =
    action === 'reaction'
      ? null
      : chooseLength(settings.message_length_profile, speaker.persona.style.length, rng).length;

  return {
    action,
    speaker_id: speaker.id,
    target_message_id: target?.id ?? null,
    mention_username: mention,
    topic: topicChoice.topic,
    length,
    timezone: tz,
    time_context: localContext(now, tz),
    thread_symbols: threadSymbols(target, history),
    reasons: {
      action: actionReason,
      speaker: speakerChoice.reason,
      speaker_weights: speakerChoice.weights,
      target: targetReasons,
      target_fallback: targetFallback,
      topic: topicChoice.reason,
      cooled_topics: topicChoice.cooled,
      excluded,
    },
  };
}

/** Narrows a planner answer. */
export function isSkip(result: TurnPlan | TurnSkip): result is TurnSkip {
  return 'skip' in result;
}
