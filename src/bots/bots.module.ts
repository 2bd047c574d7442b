import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { BotWriter } from './bot-writer.service';
import { BotsController } from './bots.controller';
import { BotsService } from './bots.service';
import { HoldingsController } from './holdings.controller';
import { HoldingsService } from './holdings.service';
import { MemoriesController } from './memories.controller';
import { MemoriesService } from './memories.service';
import { StancesController } from './stances.controller';
import { StancesService } from './stances.service';
import { BotVerificationService } from './telegram/bot-verification.service';
import { BOT_TOKEN_VERIFIER } from './telegram/bot-token-verifier';
import { TelegrafBotTokenVerifier } from './telegram/telegraf-bot-token-verifier';

/** Bots and what belongs to them: persona, emotion, stances, holdings, memories, token check. */
@Module({
  imports: [EventsModule],
  controllers: [BotsController, StancesController, HoldingsController, MemoriesController],
  providers: [
    BotsService,
    BotWriter,
    StancesService,
    HoldingsService,
    MemoriesService,
    BotVerificationService,
    { provide: BOT_TOKEN_VERIFIER, useClass: TelegrafBotTokenVerifier },
  ],
  exports: [BotWriter],
})
export class BotsModule {}
