import { BotChildController } from './bot-child.controller';
import { StanceResponse, UpdateStanceDto, UpsertStanceDto } from './dto/stance.dto';
import { StancesService } from './stances.service';

export class StancesController extends BotChildController({
  path: 'stances',
  service: StancesService,
  response: StanceResponse,
  createDto: UpsertStanceDto,
  updateDto: UpdateStanceDto,
  createHandler: 'upsert',
  updateConflict: 'The bot already has a stance on that topic',
  summaries: {
    list: "List the bot's stances",
    create: 'Create the stance, or replace the one on the same topic (refreshes updated_at)',
    update: 'Change the given fields of a stance',
    remove: 'Delete a stance',
  },
}) {}
