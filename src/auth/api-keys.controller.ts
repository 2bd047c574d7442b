import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { ApiKeyDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { ApiKeyListQueryDto } from './dto/api-key-list-query.dto';
import { CreateApiKeyDto } from './dto/create-api-key.dto';
import { Principal } from './principal';

@ApiTags('auth')
@ApiCookieAuth()
@ApiSecurity('api-key')
@Controller('auth/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  @ApiOperation({ summary: "Your API keys (admins: any user's with user_id)" })
  @ApiOkResponse({ type: [ApiKeyDto] })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ApiKeyListQueryDto,
  ): Promise<ApiKeyDto[]> {
    return (await this.keys.list(principal, query.user_id)).map((key) => ApiKeyDto.from(key));
  }

  @Post()
  @ApiOperation({ summary: 'Create an API key; the key is in this answer only' })
  @ApiCreatedResponse({ type: CreatedApiKeyDto })
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    const { key, raw } = await this.keys.create(principal, {
      name: body.name,
      roleCap: body.role_cap ?? null,
      expiresAt: body.expires_at ? new Date(body.expires_at) : null,
    });
    return { ...ApiKeyDto.from(key), key: raw };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key at once (your own; admins: any)' })
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseIdPipe) id: number,
  ): Promise<void> {
    await this.keys.revoke(principal, id);
  }
}
