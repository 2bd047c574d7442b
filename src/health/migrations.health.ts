import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { migrationsAreCurrent } from '../database/run-migrations';

/** Up when every migration file of this build has been applied to the database. */
@Injectable()
export class MigrationsHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 2000): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const current = await Promise.race([migrationsAreCurrent(this.dataSource), timeout]);
      return current
        ? session.up()
        : session.down({ message: 'Pending migrations: run npm run migration:run (or :dist)' });
    } catch (error) {
      return session.down({ message: `Could not read migrations: ${(error as Error).message}` });
    } finally {
      clearTimeout(timer);
    }
  }
}
