import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
} from '@nestjs/swagger';
import { FastifyReply, FastifyRequest } from 'fastify';
import { SkipAudit } from '../audit/skip-audit.decorator';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AuthService } from './auth.service';
import { CurrentPrincipal } from './current-principal.decorator';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { MeDto } from './dto/me.dto';
import { MfaCodeDto } from './dto/mfa-code.dto';
import { MfaEnrolmentDto } from './dto/mfa-enrolment.dto';
import { MfaService } from './mfa.service';
import { Principal } from './principal';
import { SESSION_COOKIE, SESSION_EXPIRES_HEADER, sessionCookieOptions } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly mfa: MfaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @SkipAudit()
  @ApiOperation({
    summary:
      'Log in with username, password and (when enabled) a TOTP code; sets the session cookie',
  })
  @ApiOkResponse({ type: MeDto })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    const previous = request.cookies[SESSION_COOKIE];
    const result = await this.auth.login({
      username: body.username,
      password: body.password,
      totp: body.totp,
      ip: request.ip ?? 'unknown',
      userAgent: request.headers['user-agent'] ?? null,
      previousSessionSecret: typeof previous === 'string' ? previous : undefined,
    });
    reply.setCookie(
      SESSION_COOKIE,
      result.sessionSecret,
      sessionCookieOptions(this.config.auth.cookieSecure, result.absoluteExpiresAt),
    );
    reply.header(SESSION_EXPIRES_HEADER, result.expiresAt.toISOString());
    return {
      user_id: result.user.id,
      username: result.user.username,
      role: result.user.role,
      auth_method: 'session',
      mfa_enabled: result.user.mfaEnabled,
      session_expires_at: result.expiresAt.toISOString(),
    };
  }

  @Post('logout')
  @HttpCode(204)
  @SkipAudit()
  @ApiCookieAuth()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'End the current session (no-op for API keys) and clear the cookie' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.logout(principal, request.ip ?? null, request.headers['user-agent'] ?? null);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config.auth.cookieSecure));
  }

  @Get('me')
  @ApiCookieAuth()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'The caller: user, effective role, session expiry' })
  @ApiOkResponse({ type: MeDto })
  async me(
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeDto> {
    const user = await this.auth.findUser(principal.userId);
    const expires = reply.getHeader(SESSION_EXPIRES_HEADER);
    return {
      user_id: principal.userId,
      username: principal.username,
      role: principal.role,
      auth_method: principal.sessionId !== null ? 'session' : 'api_key',
      mfa_enabled: user?.mfaEnabled ?? false,
      session_expires_at: typeof expires === 'string' ? expires : null,
    };
  }

  @Post('password')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Change your own password; ends all your sessions' })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body() body: ChangePasswordDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    await this.auth.changePassword(principal, body.current_password, body.new_password);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config.auth.cookieSecure));
  }

  @Post('mfa/enroll')
  @ApiCookieAuth()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Start TOTP enrolment: a new secret and otpauth URI (QR code)' })
  @ApiCreatedResponse({ type: MfaEnrolmentDto })
  async enrol(@CurrentPrincipal() principal: Principal): Promise<MfaEnrolmentDto> {
    const enrolment = await this.mfa.enrol(principal.userId);
    return { secret: enrolment.secret, otpauth_uri: enrolment.otpauthUri };
  }

  @Post('mfa/confirm')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Confirm enrolment with a current code; login then requires TOTP' })
  async confirm(@CurrentPrincipal() principal: Principal, @Body() body: MfaCodeDto): Promise<void> {
    await this.mfa.confirm(principal.userId, body.code);
  }

  @Post('mfa/disable')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiSecurity('api-key')
  @ApiOperation({ summary: 'Turn TOTP off (needs a current code)' })
  async disable(@CurrentPrincipal() principal: Principal, @Body() body: MfaCodeDto): Promise<void> {
    await this.mfa.disable(principal.userId, body.code);
  }
}
