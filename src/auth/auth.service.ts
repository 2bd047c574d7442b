import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ClockService } from '../common/clock/clock.service';
import { DomainException } from '../common/errors/domain.exception';
import { ErrorCode } from '../common/errors/error-code';
import { ApiUser } from '../users/entities/api-user.entity';
import { LoginThrottleService } from './login-throttle.service';
import { MfaService } from './mfa.service';
import { PasswordHasher } from './password-hasher.service';
import { Principal } from './principal';
import { SessionService } from './session.service';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
  ip: string;
  userAgent: string | null;
  /** The session cookie the browser already had, revoked so it can never be "upgraded". */
  previousSessionSecret?: string;
}

export interface LoginResult {
  user: ApiUser;
  sessionSecret: string;
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

/** The one answer for every bad-credential case: unknown user, wrong password, disabled user. */
const INVALID_CREDENTIALS = 'Invalid username or password';

/**
 * Password (+ TOTP) login, logout and password change. Every failure path costs the same argon2
 * work and gives the same answer; failures are throttled per account name and per IP in Redis.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectRepository(ApiUser) private readonly users: Repository<ApiUser>,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottleService,
    private readonly mfa: MfaService,
    private readonly audit: AuditService,
    private readonly clock: ClockService,
  ) {}

  async login(input: LoginInput): Promise<LoginResult> {
    const verdict = await this.throttle.check(input.username, input.ip);
    if (!verdict.allowed) {
      await this.recordFailure(null, input, 'throttled');
      throw new DomainException(
        ErrorCode.RateLimited,
        'Too many login attempts; try again later',
        [],
        { 'Retry-After': String(verdict.retryAfterSeconds) },
      );
    }
    const user = await this.users
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:name)', { name: input.username })
      .andWhere('u.deleted_at IS NULL')
      .getOne();
    const passwordOk = await this.hasher.verifyOrDummy(user?.passwordHash ?? null, input.password);
    if (!user || !passwordOk || !user.isActive) {
      await this.throttle.recordFailure(input.username, input.ip);
      await this.recordFailure(user, input, 'invalid_credentials');
      throw new DomainException(ErrorCode.Unauthorized, INVALID_CREDENTIALS);
    }
    if (user.mfaEnabled) {
      if (!input.totp) {
        // The password was right, so saying a code is missing reveals nothing new.
        throw new DomainException(ErrorCode.Unauthorized, 'A TOTP code is required', [
          { field: 'totp', reason: 'required for this account' },
        ]);
      }
      if (!(await this.mfa.verifyAndConsume(user, input.totp))) {
        await this.throttle.recordFailure(input.username, input.ip);
        await this.recordFailure(user, input, 'invalid_totp');
        throw new DomainException(ErrorCode.Unauthorized, 'Invalid or already used TOTP code', [
          { field: 'totp', reason: 'invalid or already used' },
        ]);
      }
    }
    await this.throttle.recordSuccess(input.username);
    if (input.previousSessionSecret) {
      await this.sessions.revokeBySecret(input.previousSessionSecret);
    }
    const issued = await this.sessions.create(user.id, input.ip, input.userAgent);
    await this.users.update({ id: user.id }, { lastLoginAt: this.clock.now() });
    await this.audit.record({
      actorUserId: user.id,
      actorLabel: user.username,
      action: 'auth.login',
      resourceType: 'session',
      resourceId: String(issued.session.id),
      details: { mfa: user.mfaEnabled },
      ip: input.ip,
      userAgent: input.userAgent,
    });
    return {
      user,
      sessionSecret: issued.secret,
      expiresAt: issued.expiresAt,
      absoluteExpiresAt: issued.absoluteExpiresAt,
    };
  }

  async logout(principal: Principal, ip: string | null, userAgent: string | null): Promise<void> {
    if (principal.sessionId === null) {
      return;
    }
    await this.sessions.revoke(principal.sessionId);
    await this.audit.record({
      actorUserId: principal.userId,
      actorLabel: principal.username,
      action: 'auth.logout',
      resourceType: 'session',
      resourceId: String(principal.sessionId),
      ip,
      userAgent,
    });
  }

  /** Changes the caller's password and ends all their sessions (they log in again). */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const user = await this.users.findOneBy({ id: principal.userId, deletedAt: IsNull() });
    if (!user || !(await this.hasher.verify(user.passwordHash, current))) {
      throw DomainException.validation([
        { field: 'current_password', reason: 'does not match the current password' },
      ]);
    }
    if (current === next) {
      throw DomainException.validation([
        { field: 'new_password', reason: 'must differ from the current password' },
      ]);
    }
    await this.users.update(
      { id: user.id },
      { passwordHash: await this.hasher.hash(next), passwordChangedAt: this.clock.now() },
    );
    await this.sessions.revokeAllForUser(user.id, 'password_changed');
  }

  async findUser(id: number): Promise<ApiUser | null> {
    return this.users.findOneBy({ id });
  }

  private async recordFailure(
    user: ApiUser | null,
    input: LoginInput,
    reason: 'throttled' | 'invalid_credentials' | 'invalid_totp',
  ): Promise<void> {
    // The submitted name is kept only when it is a real account: a password typed into the
    // username field must not end up in the trail.
    await this.audit.record({
      actorUserId: user?.id ?? null,
      actorLabel: user?.username ?? 'unknown',
      action: 'auth.login_failed',
      resourceType: 'session',
      details: { reason },
      ip: input.ip,
      userAgent: input.userAgent,
    });
  }
}
