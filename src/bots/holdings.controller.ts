import { BotChildController } from './bot-child.controller';
import { HoldingResponse, UpdateHoldingDto, UpsertHoldingDto } from './dto/holding.dto';
import { HoldingsService } from './holdings.service';

export class HoldingsController extends BotChildController({
  path: 'holdings',
  service: HoldingsService,
  response: HoldingResponse,
  createDto: UpsertHoldingDto,
  updateDto: UpdateHoldingDto,
  createHandler: 'upsert',
  updateConflict: 'The bot already holds that symbol',
  summaries: {
    list: "List the bot's holdings",
    create:
      'Create the holding, or update the one with the same (upper-cased) symbol: only given fields overwrite',
    update: 'Change the given fields of a holding',
    remove: 'Delete a holding',
  },
}) {}
