import { Client } from 'pg';

/** Distinct statements a process prepares at most (each is held by every pooled connection). */
export const MAX_PREPARED_STATEMENTS = 256;
/** Statements seen once that are remembered while waiting for a second sighting. */
const SIGHTINGS_REMEMBERED = 4096;

/**
 * Which SQL texts run as named prepared statements, and under which name. A text is prepared from
 * its second sighting on (a one-off statement, such as an import's bulk INSERT, is not worth a
 * server-side entry on every connection), and at most MAX_PREPARED_STATEMENTS texts are: the
 * server keeps each for the life of every connection that ran it, so the set must stay bounded
 * even where SQL is built with a varying number of parameters.
 */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly seenOnce = new Set<string>();

  constructor(private readonly limit = MAX_PREPARED_STATEMENTS) {}

  /** The statement's name, or undefined to run it unnamed (once-seen, or the set is full). */
  nameFor(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || this.names.size >= this.limit) {
      return name;
    }
    if (!this.seenOnce.delete(text)) {
      if (this.seenOnce.size >= SIGHTINGS_REMEMBERED) {
        this.seenOnce.clear();
      }
      this.seenOnce.add(text);
      return undefined;
    }
    const assigned = `piyasa_${this.names.size + 1}`;
    this.names.set(text, assigned);
    return assigned;
  }

  get size(): number {
    return this.names.size;
  }
}

/** One naming per process: a connection must never see one name for two texts. */
const statementNames = new StatementNames();

/**
 * A node-postgres client that runs the repeated parameterised statements (TypeORM's and ours) as
 * named prepared statements. An unnamed statement is parsed and planned on every execution, and
 * in the engine's hot path that was more than half of PostgreSQL's CPU per message (the log's
 * parse and bind durations); a named one is parsed once per connection, and PostgreSQL switches
 * it to a cached generic plan when that is not costlier than the custom ones.
 *
 * Only statements with parameters are named: a text without them may hold several statements,
 * which only the simple protocol runs (migrations do). Names are per process and map one to one
 * to texts, so a connection never sees one name with two texts. A prepared statement is planned
 * again when a table it reads changes (a migration while the process runs), but PostgreSQL refuses
 * one whose result columns changed: statements name their result columns (TypeORM's do; ours
 * never return `*`). Poolers that do not keep a server connection per client (PgBouncer in
 * transaction mode before 1.21) need this off: DATABASE_PREPARED_STATEMENTS=false.
 */
export class PreparingClient extends Client {
  // pg's query() is a set of overloads; this one only rewrites (text, values[, callback]).
  override query(...args: unknown[]): never {
    const [text, values, callback] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statementNames.nameFor(text);
      if (name !== undefined) {
        args = [{ name, text, values }, callback].filter((arg) => arg !== undefined);
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
