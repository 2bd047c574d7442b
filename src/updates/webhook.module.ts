import { Module } from '@nestjs/common';
import { BotTransports } from '../engine/send/bot-transports.service';
import { UpdateBodyStore } from './update-body-store';
import { UpdateIntake } from './update-intake.service';
import { WebhookController } from './webhook.controller';
import { WebhookService } from './webhook.service';

/** API side of the updates intake: webhook deliveries and registration (no processors here). */
@Module({
  controllers: [WebhookController],
  providers: [BotTransports, UpdateBodyStore, UpdateIntake, WebhookService],
})
export class WebhookModule {}
