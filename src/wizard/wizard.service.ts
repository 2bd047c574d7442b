import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { toBotResponse, toHoldingResponse, toStanceResponse } from '../bots/bot-views';
import { BotWriter } from '../bots/bot-writer.service';
import { preparePersonaFields } from '../bots/persona/persona-fields.util';
import { BotMemory } from '../bots/entities/bot-memory.entity';
import { Bot } from '../bots/entities/bot.entity';
import { ChatWriter } from '../chats/chat-writer.service';
import { toChatResponse } from '../chats/chat-views';
import { ChatBot, ChatBotStatus } from '../chats/entities/chat-bot.entity';
import { Chat } from '../chats/entities/chat.entity';
import { DomainException } from '../common/errors/domain.exception';
import { DomainEventPublisher } from '../events/domain-event-publisher.service';
import { setSimulationActive } from '../settings/simulation-switch';
import { WizardSetupDto, WizardSetupResponse } from './dto/wizard-setup.dto';

@Injectable()
export class WizardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bots: BotWriter,
    private readonly chats: ChatWriter,
    private readonly events: DomainEventPublisher,
  ) {}

  /**
   * Everything in one transaction: any failure (a taken name or token, a bad stance) leaves
   * nothing behind. An existing chat with the same chat_id is reused; if it lists its member bots,
   * the new bot joins them.
   */
  async setup(dto: WizardSetupDto): Promise<WizardSetupResponse> {
    const botFields = preparePersonaFields(dto.bot, (f) => `bot.${f}`);
    const overrides = preparePersonaFields(
      { persona_profile: dto.persona, emotion_profile: dto.emotion },
      (f) => f.replace(/^persona_profile/, 'persona').replace(/^emotion_profile/, 'emotion'),
    );
    const errors = [...botFields.errors, ...overrides.errors];
    if (errors.length > 0) {
      throw DomainException.validation(errors);
    }
    const result = await this.dataSource.transaction(async (m) => {
      const bot = await this.bots.create(
        m,
        { ...dto.bot, ...botFields.fields, ...overrides.fields },
        { seedMemories: true },
      );
      let chat = await m.findOneBy(Chat, { chatId: dto.chat.chat_id });
      const chatCreated = chat === null;
      if (!chat) {
        chat = await this.chats.create(m, dto.chat);
      } else if (await m.existsBy(ChatBot, { chatDbId: chat.id, status: ChatBotStatus.Member })) {
        await m.insert(ChatBot, { chatDbId: chat.id, botId: bot.id, status: ChatBotStatus.Member });
      }
      const stances = [];
      for (const stance of dto.stances ?? []) {
        stances.push(await this.bots.upsertStance(m, bot.id, stance));
      }
      const holdings = [];
      for (const holding of dto.holdings ?? []) {
        holdings.push(await this.bots.upsertHolding(m, bot.id, holding));
      }
      if (dto.start) {
        await setSimulationActive(m, true);
      }
      return {
        bot: toBotResponse(await m.findOneByOrFail(Bot, { id: bot.id })),
        chat: toChatResponse(await m.findOneByOrFail(Chat, { id: chat.id })),
        chat_created: chatCreated,
        stances: stances.map(toStanceResponse),
        holdings: holdings.map(toHoldingResponse),
        memories_seeded: await m.countBy(BotMemory, { botId: bot.id }),
        started: dto.start === true,
      };
    });
    await this.events.publish(
      { type: 'bot_changed', bot_id: result.bot.id },
      { type: 'chat_changed', chat_id: result.chat.id },
    );
    return result;
  }
}
