import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { redisOptions, RedisRole } from '../redis/redis-connection-options';
import { RedisService } from '../redis/redis.service';
import { JobProducer } from './job-producer.service';
import { QUEUE_DEFAULT_JOB_OPTIONS } from './queue-defaults';
import { ALL_QUEUES } from './queue-name';

/**
 * Registers every queue with the connection profile of the process: the API produces with a
 * fail-fast connection; workers consume (and produce follow-up jobs) with a retrying one.
 * Processors are NOT registered here: only the worker module declares them.
 *
 * The API's queues share RedisService's command connection instead of opening their own: a
 * producer needs no blocking connection, and BullMQ does not close a shared connection. Closing
 * its own fail-fast connection while Redis is down makes BullMQ's Queue.close() reject (QUIT
 * cannot be queued offline), which failed the API's shutdown during a Redis outage;
 * RedisService closes the shared one with QUIT, or a disconnect when Redis is gone.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(role: RedisRole): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG, RedisService],
          useFactory: (config: AppConfig, redis: RedisService) => ({
            connection:
              role === 'producer' ? redis.client : { url: config.redis.url, ...redisOptions(role) },
            prefix: `${config.redis.prefix}:bull`,
          }),
        }),
        BullModule.registerQueue(
          ...ALL_QUEUES.map((name) => ({
            name,
            defaultJobOptions: QUEUE_DEFAULT_JOB_OPTIONS[name],
          })),
        ),
      ],
      providers: [JobProducer],
      exports: [JobProducer, BullModule],
    };
  }
}
