import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './access.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { ApiKey } from './entities/api-key.entity';

@Module({
  imports: [TypeOrmModule.forFeature([ApiKey])],
  providers: [ApiKeyAuthenticator, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [ApiKeyAuthenticator],
})
export class AuthModule {}
