import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { ParseIdPipe } from '../common/validation/parse-id.pipe';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto } from './dto/user.dto';
import { Role } from './entities/api-user.entity';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiCookieAuth()
@ApiSecurity('api-key')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Users (admin)' })
  @ApiOkResponse({ type: [UserDto] })
  async list(@Query() query: ListUsersQueryDto): Promise<UserDto[]> {
    const users = await this.users.list(query.limit ?? 100, query.offset ?? 0);
    return users.map((user) => UserDto.from(user));
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  async create(@Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(
      await this.users.create(body.username, body.password, body.role ?? Role.Viewer),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user (admin)' })
  @ApiOkResponse({ type: UserDto })
  async get(@Param('id', ParseIdPipe) id: number): Promise<UserDto> {
    return UserDto.from(await this.users.get(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change role, enable/disable, or reset the password (admin); never the last admin',
  })
  @ApiOkResponse({ type: UserDto })
  async update(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.from(
      await this.users.update(id, {
        role: body.role,
        isActive: body.is_active,
        password: body.password,
      }),
    );
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a user (soft; ends their sessions) (admin); never the last admin',
  })
  async remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    await this.users.remove(id);
  }

  @Post(':id/reset-mfa')
  @HttpCode(200)
  @ApiOperation({ summary: "Turn off a user's TOTP (lost device) (admin)" })
  @ApiOkResponse({ type: UserDto })
  async resetMfa(@Param('id', ParseIdPipe) id: number): Promise<UserDto> {
    return UserDto.from(await this.users.resetMfa(id));
  }
}
