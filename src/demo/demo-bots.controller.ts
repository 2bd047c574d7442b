import { Body, Controller, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ErrorBody } from '../common/errors/error-body';
import { CreateDemoBotsDto, DemoBotsResponse } from './demo-bots.dto';
import { DemoBotsService } from './demo-bots.service';

@ApiTags('demo')
@ApiSecurity('api-key')
@Controller('demo-bots')
export class DemoBotsController {
  constructor(private readonly demo: DemoBotsService) {}

  @Post('create')
  @ApiOperation({
    summary: 'Create 1–50 varied Turkish demo personas in sandbox mode, plus a demo chat',
  })
  @ApiCreatedResponse({ type: DemoBotsResponse })
  @ApiBadRequestResponse({ type: ErrorBody })
  create(@Body() dto: CreateDemoBotsDto): Promise<DemoBotsResponse> {
    return this.demo.create(dto.count, { aroundTheClock: dto.around_the_clock ?? false });
  }
}
