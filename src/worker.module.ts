import { DynamicModule, Module, Type } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { MemoryDecayService } from './memories/memory-decay.service';
import { EngineModule } from './engine/engine.module';
import { loggerOptions } from './common/logging/logger-options';
import { BotContextModule } from './bot-context/bot-context.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DatabaseModule } from './database/database.module';
import { MaintenanceModule } from './maintenance/maintenance.module';
import { ObservabilityModule } from './observability/observability.module';
import { applyWorkerOptions, sharedWorkerOptions } from './queue/worker-options';
import { QueueModule } from './queue/queue.module';
import { RedisModule } from './redis/redis.module';
import { SettingsModule } from './settings/settings.module';
import { UpdatesModule } from './updates/updates.module';
import { WorkerHeartbeatService } from './worker/worker-heartbeat.service';
import { WORKER_ID } from './worker/worker-identity';
import { WORKER_PROCESSORS } from './worker/worker-processors';

/** The worker process' module graph: processors of the queues selected by WORKER_QUEUES. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    const processors = config.worker.queues
      .map((queue) => WORKER_PROCESSORS[queue])
      .filter((processor): processor is Type => processor !== undefined);
    applyWorkerOptions(processors, sharedWorkerOptions(WORKER_ID, config.worker.jobLock));
    return {
      module: WorkerModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config, 'worker')),
        DatabaseModule,
        CryptoModule,
        RedisModule.forRoot('worker'),
        QueueModule.forRoot('worker'),
        EngineModule,
        // Live settings and bot contexts, kept fresh by the events channel.
        SettingsModule,
        BotContextModule,
        ObservabilityModule.forRoot('worker'),
        MaintenanceModule,
        UpdatesModule,
      ],
      providers: [WorkerHeartbeatService, MemoryDecayService, ...processors],
    };
  }
}
