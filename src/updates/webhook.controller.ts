import {
  Body,
  Controller,
  Delete,
  Headers,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
} from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUrl } from 'class-validator';
import { WebhookService } from './webhook.service';

export class RegisterWebhookDto {
  /** Public https base of this API as Telegram reaches it, e.g. https://piyasa.example.com. */
  @ApiProperty({ example: 'https://piyasa.example.com' })
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  base_url!: string;
}

@ApiTags('telegram')
@Controller()
export class WebhookController {
  constructor(private readonly webhooks: WebhookService) {}

  /** Telegram's deliveries: public, guarded by the per-bot secret header. */
  @Post('webhook/telegram/:botId')
  @HttpCode(200)
  @ApiOperation({
    summary: "Telegram's update delivery for one bot",
    description:
      'Called by Telegram only: requires the X-Telegram-Bot-Api-Secret-Token header set at registration.',
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { ok: { type: 'boolean', enum: [true] } },
      required: ['ok'],
      example: { ok: true },
    },
  })
  async receive(
    @Param('botId', ParseIntPipe) botId: number,
    @Headers('x-telegram-bot-api-secret-token') secret: string | undefined,
    @Body() update: unknown,
  ): Promise<{ ok: true }> {
    await this.webhooks.receive(botId, secret, update);
    return { ok: true };
  }

  /** Switches a bot to webhook mode with a fresh secret (operator). */
  @Post('bots/:id/webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Switch a bot to webhook mode (setWebhook with a fresh secret)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { url: { type: 'string', description: 'The webhook URL given to Telegram' } },
      required: ['url'],
      example: { url: 'https://piyasa.example/webhook/telegram/7' },
    },
  })
  register(
    @Param('id', ParseIntPipe) id: number,
    @Body() body: RegisterWebhookDto,
  ): Promise<{ url: string }> {
    return this.webhooks.register(id, body.base_url);
  }

  /** Switches a bot back to long polling (deleteWebhook; updates Telegram held are kept). */
  @Delete('bots/:id/webhook')
  @HttpCode(200)
  @ApiOperation({ summary: 'Switch a bot back to long polling (deleteWebhook)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { mode: { type: 'string', enum: ['polling'] } },
      required: ['mode'],
      example: { mode: 'polling' },
    },
  })
  unregister(@Param('id', ParseIntPipe) id: number): Promise<{ mode: 'polling' }> {
    return this.webhooks.unregister(id);
  }
}
