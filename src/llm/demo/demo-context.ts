import type {
  HoldingView,
  LengthCategory,
  NewsBrief,
  RiskProfile,
  StanceView,
} from '../../engine/engine-types';
import type { PromptInput } from '../../engine/prompt-builder';
import type { SamplingSituation } from '../../engine/sampling';

/**
 * The tasks the offline generator can do: exactly the kinds of LLM call the engine makes, so it is
 * the engine's sampling situation (a new kind of call must get a demo answer too).
 */
export type DemoKind = SamplingSituation;

export interface DemoReplyTarget {
  speaker: string;
  username: string | null;
  text: string;
  isHuman: boolean;
  symbols: string[];
}

/** What the offline generator writes from: the same context a model's prompt carries. */
export interface DemoContext {
  botName: string;
  persona: {
    risk_profile: RiskProfile;
    watchlist: string[];
    emojis: boolean;
    disclaimer: boolean;
  };
  emotion: { energy: number; signature_emoji: string[]; signature_phrases: string[] };
  topic: string | null;
  holdings: HoldingView[];
  stances: StanceView[];
  action: 'new' | 'reply';
  replyTarget: DemoReplyTarget | null;
  mention: boolean;
  news: NewsBrief | null;
  length: LengthCategory;
  timeOfDay: string;
  /** The draft to paraphrase, check or rewrite. */
  draft?: string;
  /** Texts the paraphrase must not resemble. */
  avoid?: string[];
  /** Headline to brief (news_brief). */
  headline?: string;
  /** Symbols the message must be about (a paraphrase keeps the draft's). */
  focusSymbols?: string[];
}

/** Maps the prompt builder's input to the demo context, so a provider adapter needs one call. */
export function demoContextFromPrompt(input: PromptInput): DemoContext {
  const { bot } = input;
  const target = input.replyTarget;
  return {
    botName: bot.name,
    persona: {
      risk_profile: bot.persona.risk_profile,
      watchlist: bot.persona.watchlist,
      emojis: bot.persona.style.emojis,
      disclaimer: bot.persona.style.disclaimer,
    },
    emotion: {
      energy: bot.emotion.energy,
      signature_emoji: bot.emotion.signature_emoji,
      signature_phrases: bot.emotion.signature_phrases,
    },
    topic: input.topic,
    holdings: bot.holdings,
    stances: bot.stances,
    action: input.action,
    replyTarget: target
      ? {
          speaker: target.speaker,
          username: target.username,
          text: target.text,
          isHuman: target.bot_id === null,
          symbols: target.symbols,
        }
      : null,
    mention: input.mention,
    news: input.news,
    length: input.length,
    timeOfDay: input.timeOfDay,
  };
}

/** The demo task matching a turn prompt: answering a real member or a normal group message. */
export function demoKindFor(input: Pick<PromptInput, 'mode'>): DemoKind {
  return input.mode === 'human_reply' ? 'human_reply' : 'message';
}
