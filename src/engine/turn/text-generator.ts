import { DemoContext } from '../../llm/demo/demo-context';
import { ChatPrompt } from '../prompt-builder';
import { SamplingParams } from '../engine-types';

export type GenerationKind =
  'message' | 'human_reply' | 'paraphrase' | 'rewrite' | 'consistency_check' | 'news_brief';

/**
 * One piece of text the turn needs. Both forms of the request are given: the chat prompt for a
 * real model and the structured context for the offline demo generator, so switching providers
 * changes nothing else in the turn.
 */
export interface GenerationRequest {
  kind: GenerationKind;
  /** For usage accounting; null for bot-less calls (news briefs). */
  botId: number | null;
  /** The bot's model override; null uses LLM_MODEL. */
  model: string | null;
  prompt: ChatPrompt;
  demo: DemoContext;
  sampling: SamplingParams;
  /** Seed for the deterministic demo generator. */
  seed: string;
}

export interface GenerationResult {
  text: string;
  latencyMs: number;
  model: string;
}

export interface TextGenerator {
  generate(request: GenerationRequest): Promise<GenerationResult>;
}

export const TEXT_GENERATOR = Symbol('TEXT_GENERATOR');
