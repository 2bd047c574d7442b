import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { RedisService } from '../redis/redis.service';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly redis: RedisService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 1000): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    return (await this.redis.ping(timeoutMs))
      ? session.up()
      : session.down({ message: `Redis did not answer PING within ${timeoutMs} ms` });
  }
}
