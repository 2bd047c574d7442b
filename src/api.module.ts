import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { AuditInterceptor } from './audit/audit.interceptor';
import { AuditModule } from './audit/audit.module';
import { interceptMutatingRoutes } from './common/http/mutating-route-interceptors';
import { InvalidateSharedReadsInterceptor } from './common/shared-reads/invalidate-shared-reads.interceptor';
import { AuthModule } from './auth/auth.module';
import { RealtimeModule } from './realtime/realtime.module';
import { ClockModule } from './common/clock/clock.module';
import { SharedReadsModule } from './common/shared-reads/shared-reads.module';
import { BotsModule } from './bots/bots.module';
import { ChatsModule } from './chats/chats.module';
import { TransferModule } from './transfer/transfer.module';
import { WizardModule } from './wizard/wizard.module';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { loggerOptions } from './common/logging/logger-options';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DemoModule } from './demo/demo.module';
import { DatabaseModule } from './database/database.module';
import { ControlModule } from './control/control.module';
import { HealthModule } from './health/health.module';
import { LogsModule } from './logs/logs.module';
import { MetricsModule } from './metrics/metrics.module';
import { QueueStatsModule } from './queue/queue-stats.module';
import { SettingsApiModule } from './settings/settings-api.module';
import { SystemModule } from './system/system.module';
import { ObservabilityModule } from './observability/observability.module';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { UsersModule } from './users/users.module';
import { WebhookModule } from './updates/webhook.module';

/**
 * The API process' module graph. It produces jobs but must never consume them: no processor may be
 * reachable from here (a test enforces it) — processors live in WorkerModule only.
 */
/** Test seams of the API app; production passes none. */
export interface ApiAppOptions {
  logDestination?: DestinationStream;
}

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: ApiAppOptions = {}): DynamicModule {
    const root: DynamicModule = {
      module: ApiModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'api', options.logDestination)),
        DatabaseModule,
        CryptoModule,
        RedisModule.forRoot('producer'),
        QueueModule.forRoot('producer'),
        ClockModule,
        SharedReadsModule,
        AuthModule,
        UsersModule,
        AuditModule,
        HealthModule,
        BotsModule,
        ChatsModule,
        WizardModule,
        TransferModule,
        DemoModule,
        SettingsApiModule,
        ControlModule,
        MetricsModule,
        LogsModule,
        QueueStatsModule,
        SystemModule,
        RealtimeModule,
        ObservabilityModule.forRoot('api'),
        WebhookModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }],
    };
    // Every change through the API invalidates the shared reads and is audited.
    interceptMutatingRoutes(root, [InvalidateSharedReadsInterceptor, AuditInterceptor]);
    return root;
  }
}
