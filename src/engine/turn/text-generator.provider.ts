import { Logger, Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LlmUsageRecorder } from '../../llm/llm-usage-recorder';
import { OpenAiProvider } from '../../llm/openai-provider';
import { SETTINGS_SOURCE, SettingsSource } from '../../settings/settings-source';
import { DemoTextGenerator } from './demo-text-generator';
import { LlmTextGenerator } from './llm-text-generator';
import { TEXT_GENERATOR, TextGenerator } from './text-generator';

/** The text generator of the configured provider: an OpenAI-compatible endpoint, or the demo. */
export const textGeneratorProvider: Provider = {
  provide: TEXT_GENERATOR,
  inject: [APP_CONFIG, getDataSourceToken(), SETTINGS_SOURCE],
  useFactory: (config: AppConfig, ds: DataSource, settings: SettingsSource): TextGenerator => {
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
        usage: new LlmUsageRecorder(ds),
        dailyBudgetUsd: async () => (await settings.current()).llm_daily_budget_usd,
        logger: new Logger(OpenAiProvider.name),
      }),
    );
  },
};
