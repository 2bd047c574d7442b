import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module';
import { ApiUser } from '../users/entities/api-user.entity';
import { AccessGuard } from './access.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CredentialCache } from './credential-cache.service';
import { ApiKey } from './entities/api-key.entity';
import { ApiSession } from './entities/api-session.entity';
import { LoginThrottleService } from './login-throttle.service';
import { MfaService } from './mfa.service';
import { PassportAuthenticator } from './passport-authenticator.service';
import { PasswordHasher } from './password-hasher.service';
import { RequestAuthorizer } from './request-authorizer.service';
import { SessionService } from './session.service';

/** Authentication (sessions, API keys, TOTP), the global access guard and its policy table. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKey, ApiSession, ApiUser]), AuditModule],
  controllers: [AuthController, ApiKeysController],
  providers: [
    ApiKeyAuthenticator,
    ApiKeysService,
    AuthService,
    CredentialCache,
    LoginThrottleService,
    MfaService,
    PassportAuthenticator,
    PasswordHasher,
    RequestAuthorizer,
    SessionService,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    ApiKeyAuthenticator,
    ApiKeysService,
    MfaService,
    PasswordHasher,
    RequestAuthorizer,
    SessionService,
  ],
})
export class AuthModule {}
