import { PROCESSOR_METADATA } from '@nestjs/bullmq/dist/bull.constants';
import { INestApplicationContext, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ModulesContainer } from '@nestjs/core/injector/modules-container';
import { ApiModule } from '../../../src/api.module';
import { WorkerModule } from '../../../src/worker.module';
import { deleteRedisPrefix } from '../../support/redis-cleanup';
import { testConfig } from '../../support/test-config';
import { TestDatabase } from '../../support/test-database';

/** Names of every provider class in the context's module graph that is a BullMQ processor. */
function processorsIn(app: INestApplicationContext): string[] {
  const found: string[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.providers.values()) {
      const type = wrapper.metatype as Type | null;
      if (type && typeof type === 'function' && Reflect.getMetadata(PROCESSOR_METADATA, type)) {
        found.push(type.name);
      }
    }
  }
  return found;
}

describe('module graphs', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await TestDatabase.migrated('graph');
  });
  afterAll(async () => {
    await db.drop();
  });

  async function withContext(
    module: 'api' | 'worker',
    fn: (app: INestApplicationContext) => void,
  ): Promise<void> {
    const config = testConfig(db.url);
    const root = module === 'api' ? ApiModule.forRoot(config) : WorkerModule.forRoot(config);
    // Compiled, not initialised: the graph is all we inspect, and no worker starts consuming.
    const app = await Test.createTestingModule({ imports: [root] }).compile();
    try {
      fn(app);
    } finally {
      await app.close();
      await deleteRedisPrefix(config.redis.prefix);
    }
  }

  it('the API contains no queue processor (it must never consume jobs)', async () => {
    await withContext('api', (app) => expect(processorsIn(app)).toEqual([]));
  });

  it('the worker contains the processors (so the check above can fail)', async () => {
    await withContext('worker', (app) =>
      expect(processorsIn(app)).toContain('MaintenanceProcessor'),
    );
  });
});
