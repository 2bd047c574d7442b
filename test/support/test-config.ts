import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { TEST_REDIS_URL, uniqueSuffix } from './test-env';

/** A validated config for tests: given database, its own Redis prefix, overrides on top. */
export function testConfig(databaseUrl: string, env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: `t_${uniqueSuffix()}`,
    LOG_LEVEL: 'warn',
    // Many workers run side by side in tests: no private HTTP port unless a test asks for one.
    WORKER_HTTP_PORT: '0',
    ...env,
  });
}
