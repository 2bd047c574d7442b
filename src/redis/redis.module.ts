import { DynamicModule, Global, Module } from '@nestjs/common';
import { RedisRole } from './redis-connection-options';
import { REDIS_ROLE, RedisService } from './redis.service';

@Global()
@Module({})
export class RedisModule {
  /** `producer` in the API (fail fast), `worker` in workers (ride out restarts). */
  static forRoot(role: RedisRole): DynamicModule {
    return {
      module: RedisModule,
      providers: [{ provide: REDIS_ROLE, useValue: role }, RedisService],
      exports: [RedisService],
    };
  }
}
