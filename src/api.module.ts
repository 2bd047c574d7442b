import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthModule } from './auth/auth.module';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { loggerOptions } from './common/logging/logger-options';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { WebhookModule } from './updates/webhook.module';

/**
 * The API process' module graph. It produces jobs but must never consume them: no processor may be
 * reachable from here (a test enforces it) — processors live in WorkerModule only.
 */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'api')),
        DatabaseModule,
        CryptoModule,
        RedisModule.forRoot('producer'),
        QueueModule.forRoot('producer'),
        AuthModule,
        HealthModule,
        WebhookModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
  }
}
