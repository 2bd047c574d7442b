import { LlmProvider } from '../../llm/llm-provider';
import { GenerationRequest, GenerationResult, TextGenerator } from './text-generator';

/** Text from an OpenAI-compatible endpoint (retries, fallback, breaker and usage in the provider). */
export class LlmTextGenerator implements TextGenerator {
  constructor(private readonly provider: LlmProvider) {}

  async generate(request: GenerationRequest): Promise<GenerationResult> {
    const completion = await this.provider.complete({
      model: request.model ?? undefined,
      messages: [
        { role: 'system', content: request.prompt.system },
        { role: 'user', content: request.prompt.user },
      ],
      ...request.sampling,
      botId: request.botId,
    });
    return { text: completion.text, latencyMs: completion.latencyMs, model: completion.model };
  }
}
