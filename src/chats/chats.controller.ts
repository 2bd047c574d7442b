import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { PurgeQuery } from '../common/dto/purge-query';
import { ErrorBody } from '../common/errors/error-body';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { ChatsService } from './chats.service';
import { ChatMembershipResponse, SetChatBotsDto } from './dto/chat-membership.dto';
import { ChatPage, ChatResponse, CreateChatDto, UpdateChatDto } from './dto/chat.dto';
import { ListChatsQuery } from './dto/list-chats-query.dto';

@ApiTags('chats')
@ApiSecurity('api-key')
@ApiBadRequestResponse({
  type: ErrorBody,
  description: 'Validation failed; `fields` names each bad field',
})
@ApiNotFoundResponse({ type: ErrorBody })
@Controller('chats')
export class ChatsController {
  constructor(private readonly chats: ChatsService) {}

  @Get()
  @ApiOperation({ summary: 'List chats: {items, total, limit, offset}' })
  @ApiOkResponse({ type: ChatPage })
  list(@Query() query: ListChatsQuery): Promise<ChatPage> {
    return this.chats.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a chat (Telegram chat id, title, topics, timezone)' })
  @ApiCreatedResponse({ type: ChatResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'chat_id already registered' })
  create(@Body() dto: CreateChatDto): Promise<ChatResponse> {
    return this.chats.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one chat' })
  @ApiOkResponse({ type: ChatResponse })
  get(@Param('id', ParseIdPipe) id: number): Promise<ChatResponse> {
    return this.chats.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change the given fields of a chat' })
  @ApiOkResponse({ type: ChatResponse })
  @ApiConflictResponse({ type: ErrorBody, description: 'chat_id already registered' })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdateChatDto): Promise<ChatResponse> {
    return this.chats.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a chat; its messages stay (chat_db_id null) unless purge=true' })
  @ApiNoContentResponse()
  remove(@Param('id', ParseIdPipe) id: number, @Query() query: PurgeQuery): Promise<void> {
    return this.chats.remove(id, query.purge ?? false);
  }

  @Get(':id/bots')
  @ApiOperation({
    summary: 'Which bots take part: member rows, or every enabled bot when there are none',
  })
  @ApiOkResponse({ type: ChatMembershipResponse })
  members(@Param('id', ParseIdPipe) id: number): Promise<ChatMembershipResponse> {
    return this.chats.members(id);
  }

  @Put(':id/bots')
  @ApiOperation({ summary: 'Replace the member bots (failed rows are kept until cleared)' })
  @ApiOkResponse({ type: ChatMembershipResponse })
  setMembers(
    @Param('id', ParseIdPipe) id: number,
    @Body() dto: SetChatBotsDto,
  ): Promise<ChatMembershipResponse> {
    return this.chats.setMembers(id, dto);
  }

  @Delete(':id/bots/:bot_id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a bot’s membership row (member or failed)' })
  @ApiNoContentResponse()
  removeMember(
    @Param('id', ParseIdPipe) id: number,
    @Param('bot_id', ParseIdPipe) botId: number,
  ): Promise<void> {
    return this.chats.removeMember(id, botId);
  }

  @Post(':id/bots/:bot_id/clear-failure')
  @HttpCode(200)
  @ApiOperation({ summary: 'Let a bot Telegram refused in this chat take part again' })
  @ApiOkResponse({ type: ChatMembershipResponse })
  clearFailure(
    @Param('id', ParseIdPipe) id: number,
    @Param('bot_id', ParseIdPipe) botId: number,
  ): Promise<ChatMembershipResponse> {
    return this.chats.clearFailure(id, botId);
  }
}
