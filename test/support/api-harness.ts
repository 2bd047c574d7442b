import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../src/api-app';
import { ApiAppOptions } from '../../src/api.module';
import { AppConfig } from '../../src/config/app-config';
import { deleteRedisPrefix } from './redis-cleanup';
import { testConfig } from './test-config';
import { TestDatabase } from './test-database';

/**
 * The real API application (production bootstrap) on its own migrated database and Redis prefix,
 * listening on a random local port. Use one per test file:
 *
 *   const api = await ApiHarness.start('bots');
 *   await request(api.url).get('/bots').set('X-API-Key', key)…
 *   await api.stop();
 */
export class ApiHarness {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly db: TestDatabase,
    readonly url: string,
    private readonly ownsDatabase: boolean,
  ) {}

  static async start(
    label: string,
    env: Record<string, string> = {},
    options: ApiAppOptions & { database?: TestDatabase } = {},
  ): Promise<ApiHarness> {
    const { database, ...appOptions } = options;
    const db = database ?? (await TestDatabase.create(label));
    const config = testConfig(db.url, env);
    const app = await createApiApp(config, appOptions);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new ApiHarness(
      app,
      config,
      db,
      `http://127.0.0.1:${address.port}`,
      database === undefined,
    );
  }

  get dataSource(): DataSource {
    return this.app.get(DataSource);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await deleteRedisPrefix(this.config.redis.prefix);
    if (this.ownsDatabase) {
      await this.db.drop();
    }
  }
}
