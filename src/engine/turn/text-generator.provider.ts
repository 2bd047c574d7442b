import { Logger, Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LlmUsageBuffer } from '../../llm/llm-usage-buffer';
import { OpenAiProvider } from '../../llm/openai-provider';
import { SettingsReader } from '../../settings/settings-reader.service';
import { DemoTextGenerator } from './demo-text-generator';
import { LlmTextGenerator } from './llm-text-generator';
import { TEXT_GENERATOR, TextGenerator } from './text-generator';

/** The text generator of the configured provider: an OpenAI-compatible endpoint, or the demo. */
export const textGeneratorProvider: Provider = {
  provide: TEXT_GENERATOR,
  inject: [APP_CONFIG, LlmUsageBuffer, SettingsReader],
  useFactory: (
    config: AppConfig,
    usage: LlmUsageBuffer,
    settings: SettingsReader,
  ): TextGenerator => {
    if (config.llm.provider === 'demo') {
      return new DemoTextGenerator();
    }
    return new LlmTextGenerator(
      new OpenAiProvider({
        baseUrl: config.llm.baseUrl,
        apiKey: config.llm.apiKey,
        model: config.llm.model,
        fallbackModel: config.llm.fallbackModel,
        timeoutMs: config.llm.timeoutMs,
        // Only turns generate, one request at a time each: TURN_CONCURRENCY is the LLM concurrency
        // of the process. A lower cap here would leave turns idle while they wait for a slot.
        concurrency: config.worker.turnConcurrency,
        usage,
        dailyBudgetUsd: async () => (await settings.get()).llm_daily_budget_usd,
        logger: new Logger(OpenAiProvider.name),
      }),
    );
  },
};
