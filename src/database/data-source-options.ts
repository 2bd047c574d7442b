import './pg-types';
import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import { ENTITIES } from './entities';
import { PreparingClient } from './prepared-statements';

/** Where migration files live: `migrations/` at the top level (compiled to dist/migrations). */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.{ts,js}');

/** The table in which TypeORM records each applied migration by name. */
export const MIGRATIONS_TABLE = 'typeorm_migrations';

/**
 * The options of the one DataSource, shared by the app (DatabaseModule) and the migration CLI
 * (ormconfig.ts). Columns are snake_case in the database and in the REST contract; the naming
 * strategy maps them from the entities' camelCase properties.
 */
export function dataSourceOptions(database: {
  url: string;
  poolSize: number;
  /** Run repeated statements as named prepared statements (PreparingClient); default on. */
  preparedStatements?: boolean;
}): DataSourceOptions {
  return {
    type: 'postgres',
    url: database.url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    extra: {
      max: database.poolSize,
      connectionTimeoutMillis: 5000,
      ...(database.preparedStatements === false ? {} : { Client: PreparingClient }),
    },
  };
}
