import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/database/data-source-options';
import { TestDatabase } from '../../support/test-database';

/** The statements prepared on the query runner's own connection (pg_prepared_statements). */
async function preparedOn(ds: DataSource, run: (q: DataSource['manager']) => Promise<void>) {
  const runner = ds.createQueryRunner();
  try {
    await run(runner.manager);
    const rows: { statement: string }[] = await runner.query(
      'SELECT statement FROM pg_prepared_statements',
    );
    return rows.map((r) => r.statement);
  } finally {
    await runner.release();
  }
}

describe('prepared statements (PreparingClient through TypeORM)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await TestDatabase.create('prep');
  });
  afterAll(() => db.drop());

  async function withDataSource<T>(
    preparedStatements: boolean,
    fn: (ds: DataSource) => Promise<T>,
  ): Promise<T> {
    const ds = await new DataSource(
      dataSourceOptions({ url: db.url, poolSize: 2, preparedStatements }),
    ).initialize();
    try {
      return await fn(ds);
    } finally {
      await ds.destroy();
    }
  }

  it('prepares a repeated parameterised statement once per connection and answers it right', async () => {
    const text = 'SELECT $1::int + 1 AS next /* repeated */';
    const results: number[] = [];
    const statements = await withDataSource(true, (ds) =>
      preparedOn(ds, async (m) => {
        for (const n of [1, 2, 3]) {
          const [row] = await m.query<{ next: number }[]>(text, [n]);
          results.push(row.next);
        }
      }),
    );
    expect(results).toEqual([2, 3, 4]);
    expect(statements).toContain(text);
  });

  it('keeps answering after a migration adds a column to a table a prepared statement reads', async () => {
    const answers = await withDataSource(true, async (ds) => {
      const runner = ds.createQueryRunner();
      try {
        await runner.query('CREATE TABLE evolving (id int PRIMARY KEY, name text)');
        await runner.query("INSERT INTO evolving VALUES (1, 'bir')");
        const read = async () =>
          (
            (await runner.query('SELECT id, name FROM evolving WHERE id = $1', [1])) as unknown[]
          )[0];
        const before = [await read(), await read()];
        await runner.query("ALTER TABLE evolving ADD COLUMN note text DEFAULT 'yeni'");
        return [...before, await read()];
      } finally {
        await runner.release();
      }
    });
    expect(answers).toEqual([1, 2, 3].map(() => ({ id: 1, name: 'bir' })));
  });

  it('leaves statements without parameters (several statements in one text) to the simple protocol', async () => {
    const statements = await withDataSource(true, (ds) =>
      preparedOn(ds, async (m) => {
        for (let i = 0; i < 2; i++) {
          await m.query('SELECT 1; SELECT 2');
        }
      }),
    );
    expect(statements).toEqual([]);
  });

  it('prepares nothing when turned off (DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const statements = await withDataSource(false, (ds) =>
      preparedOn(ds, async (m) => {
        for (let i = 0; i < 3; i++) {
          await m.query('SELECT $1::text AS v /* off */', ['x']);
        }
      }),
    );
    expect(statements).toEqual([]);
  });
});
