import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { ChatWriter } from './chat-writer.service';
import { ChatsController } from './chats.controller';
import { ChatsService } from './chats.service';

/** Chats and which bots take part in them. */
@Module({
  imports: [EventsModule],
  controllers: [ChatsController],
  providers: [ChatsService, ChatWriter],
  exports: [ChatWriter],
})
export class ChatsModule {}
