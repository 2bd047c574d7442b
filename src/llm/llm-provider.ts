/** One chat message of a prompt. */
export interface LlmMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One completion request. Sampling fields use the OpenAI wire names on purpose. */
export interface LlmCompletionRequest {
  /** The bot's model override; the provider's default model when omitted. */
  model?: string;
  messages: LlmMessage[];
  temperature: number;
  max_tokens: number;
  top_p: number;
  frequency_penalty: number;
  /** Cancels the request (a turn that was abandoned). */
  signal?: AbortSignal;
  /** For usage accounting per bot; null/undefined for bot-less calls (news briefs). */
  botId?: number | null;
}

export interface LlmCompletion {
  text: string;
  /** The model that actually answered (the fallback one when the primary failed). */
  model: string;
  promptTokens: number;
  completionTokens: number;
  latencyMs: number;
  /** "stop", "length", … as reported; null when the endpoint does not say. */
  finishReason: string | null;
}

/**
 * Text generation: the OpenAI-compatible provider or the offline demo generator. Failures are
 * `LlmError`s, never library errors.
 */
export interface LlmProvider {
  complete(request: LlmCompletionRequest): Promise<LlmCompletion>;
}

export const LLM_PROVIDER = Symbol('LLM_PROVIDER');
