import { AuditLog } from '../audit/entities/audit-log.entity';
import { ApiKey } from '../auth/entities/api-key.entity';
import { ApiSession } from '../auth/entities/api-session.entity';
import { Bot } from '../bots/entities/bot.entity';
import { BotHolding } from '../bots/entities/bot-holding.entity';
import { BotMemory } from '../bots/entities/bot-memory.entity';
import { BotStance } from '../bots/entities/bot-stance.entity';
import { Chat } from '../chats/entities/chat.entity';
import { ChatBot } from '../chats/entities/chat-bot.entity';
import { LlmUsage } from '../llm/entities/llm-usage.entity';
import { Message } from '../messages/entities/message.entity';
import { Setting } from '../settings/entities/setting.entity';
import { SystemCheck } from '../system/entities/system-check.entity';
import { ApiUser } from '../users/entities/api-user.entity';

/** Every entity of the data model; the one list the DataSource and the tests use. */
export const ENTITIES = [
  ApiUser,
  ApiKey,
  ApiSession,
  AuditLog,
  Bot,
  BotStance,
  BotHolding,
  BotMemory,
  Chat,
  ChatBot,
  Message,
  Setting,
  SystemCheck,
  LlmUsage,
];
