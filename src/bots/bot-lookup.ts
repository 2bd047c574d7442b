import { EntityManager } from 'typeorm';
import { DomainException } from '../common/errors/domain.exception';
import { Bot } from './entities/bot.entity';

/** Throws 404 unless the bot exists (children endpoints check their parent first). */
export async function assertBotExists(m: EntityManager, botId: number): Promise<void> {
  if (!(await m.existsBy(Bot, { id: botId }))) {
    throw DomainException.notFound('Bot', botId);
  }
}
