import { PartialType } from '@nestjs/swagger';
import { CreateBotDto } from './create-bot.dto';

/**
 * Only the given fields change. `token`: a new token replaces the stored one; null clears it (the
 * bot falls back to sandbox mode). `username`/`llm_model`: null clears. `skipNullProperties: false`
 * keeps `null` validated for the other fields (a null name is a 400, not a database error).
 */
export class UpdateBotDto extends PartialType(CreateBotDto, { skipNullProperties: false }) {}
