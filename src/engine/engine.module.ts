import { Module } from '@nestjs/common';
import { LlmUsageBuffer } from '../llm/llm-usage-buffer';
import { MessageLedger } from '../messages/message-ledger.service';
import { NewsService } from '../news/news.service';
import { BotContextModule } from '../bot-context/bot-context.module';
import { SettingsModule } from '../settings/settings.module';
import { EventsModule } from '../events/events.module';
import { SendLimiter } from './limits/send-limiter.service';
import { ChatSchedule } from './scheduling/chat-schedule.service';
import { BotTransports } from './send/bot-transports.service';
import { SendService } from './send/send.service';
import { TokenRefusals } from './send/token-refusals.service';
import { TurnScheduler } from './scheduling/turn-scheduler.service';
import { PersonaRefreshState } from './turn/persona-refresh.service';
import { textGeneratorProvider } from './turn/text-generator.provider';
import { TurnContextLoader } from './turn/turn-context.loader';
import { TurnService } from './turn/turn.service';

/**
 * The behaviour engine's services, for the worker process only (processors are registered by the
 * worker module; see worker-processors.ts).
 */
@Module({
  // The process' settings and bot contexts, cached and dropped by change events.
  imports: [SettingsModule, BotContextModule, EventsModule],
  providers: [
    MessageLedger,
    SendLimiter,
    ChatSchedule,
    BotTransports,
    SendService,
    TokenRefusals,
    TurnScheduler,
    TurnContextLoader,
    PersonaRefreshState,
    TurnService,
    NewsService,
    LlmUsageBuffer,
    textGeneratorProvider,
  ],
  exports: [
    SendService,
    TurnService,
    TurnScheduler,
    // For the updates intake (src/updates).
    TurnContextLoader,
    BotTransports,
    TokenRefusals,
    NewsService,
  ],
})
export class EngineModule {}
