import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { databaseUrl, TEST_PG_ADMIN_URL, uniqueSuffix } from './test-env';

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database of its own for one test file; `drop()` removes it. */
export class TestDatabase {
  private constructor(
    readonly name: string,
    readonly url: string,
  ) {}

  static async create(label = 'db'): Promise<TestDatabase> {
    const name = `piyasa_t_${label}_${uniqueSuffix()}`.toLowerCase().slice(0, 63);
    await admin((c) => c.query(`CREATE DATABASE "${name}"`));
    return new TestDatabase(name, databaseUrl(name));
  }

  /** Creates the database and applies every migration. */
  static async migrated(label = 'db'): Promise<TestDatabase> {
    const db = await TestDatabase.create(label);
    const ds = await db.dataSource();
    try {
      await ds.runMigrations({ transaction: 'each' });
    } finally {
      await ds.destroy();
    }
    return db;
  }

  /** An initialised DataSource on this database (the caller destroys it). */
  async dataSource(): Promise<DataSource> {
    return new DataSource(dataSourceOptions({ url: this.url, poolSize: 4 })).initialize();
  }

  async drop(): Promise<void> {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`));
  }
}
