import { Module } from '@nestjs/common';
import { BotsModule } from '../bots/bots.module';
import { ChatsModule } from '../chats/chats.module';
import { EventsModule } from '../events/events.module';
import { ExportService } from './export.service';
import { ImportService } from './import.service';
import { TransferController } from './transfer.controller';

/** Whole-setup import and export (SPEC 4, 7.12). */
@Module({
  imports: [BotsModule, ChatsModule, EventsModule],
  controllers: [TransferController],
  providers: [ImportService, ExportService],
})
export class TransferModule {}
