import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger as PinoLogger } from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { pendingMigrations } from '../database/run-migrations';
import { closePrivateHttp, listenPrivateHttp, sendHttp } from '../observability/private-http.util';
import { WORKER_ID } from './worker-identity';

/** How often a waiting worker reads the migrations table again. */
const POLL_MS = 2000;

/** What a waiting worker last learnt: the pending migrations, or that it could not read them. */
interface SchemaState {
  pending: string[];
  databaseUp: boolean;
}

/**
 * Holds a starting worker back until every migration of its build has been applied, so that in a
 * rolling upgrade new code never consumes jobs (or polls Telegram, or schedules) against the old
 * schema. The migrations step applies them (docs/operations.md); a worker never migrates. Called
 * before the worker's application is built: every processor starts consuming as soon as it is
 * instantiated. Meanwhile the private port answers /healthz (alive while the database answers) and
 * /readyz with 503, so an orchestrator keeps the old replicas running and does not restart this one.
 * Returns false when WORKER_SCHEMA_WAIT_MS passed first (already logged): the worker then exits 1.
 */
export async function waitForCurrentSchema(config: AppConfig, log: PinoLogger): Promise<boolean> {
  const deadline = Date.now() + config.worker.schemaWaitMs;
  const dataSource = new DataSource(dataSourceOptions({ url: config.database.url, poolSize: 1 }));
  const state: SchemaState = { pending: [], databaseUp: false };
  let announced = false;
  let lastProblem = '';
  let probes: Server | undefined;
  try {
    for (;;) {
      try {
        if (!dataSource.isInitialized) {
          await dataSource.initialize();
        }
        state.pending = await pendingMigrations(dataSource);
        state.databaseUp = true;
        if (state.pending.length === 0) {
          if (announced) {
            log.info('Migrations applied; the schema is current');
          }
          return true;
        }
      } catch (error) {
        state.databaseUp = false;
        const problem = (error as Error).message;
        if (problem !== lastProblem) {
          lastProblem = problem;
          log.warn(`Cannot read the applied migrations yet: ${problem}`);
        }
      }
      probes ??= await serveWaitingProbes(config, state, log);
      // Announced once the probes answer, so that whoever reads it can already ask /readyz.
      if (!announced && state.databaseUp) {
        announced = true;
        log.warn(
          `Waiting for ${state.pending.length} pending migration(s): ${state.pending.join(', ')} ` +
            '(the migrations step applies them; a worker never migrates)',
        );
      }
      if (Date.now() >= deadline) {
        log.error(
          `Gave up after ${config.worker.schemaWaitMs} ms (WORKER_SCHEMA_WAIT_MS): ` +
            (state.databaseUp
              ? `${state.pending.length} migration(s) still pending: ${state.pending.join(', ')}. `
              : `the database did not answer (${lastProblem}). `) +
            'Run the migrations step (npm run migration:run:dist) before starting workers of this build.',
        );
        return false;
      }
      await sleep(POLL_MS);
    }
  } finally {
    if (probes) {
      await closePrivateHttp(probes);
    }
    if (dataSource.isInitialized) {
      await dataSource.destroy();
    }
  }
}

/** The private port while waiting (the running worker's WorkerHttpServer takes it over after). */
async function serveWaitingProbes(
  config: AppConfig,
  state: SchemaState,
  log: PinoLogger,
): Promise<Server | undefined> {
  const { host, port } = config.worker.http;
  if (port === 0) {
    return undefined;
  }
  return listenPrivateHttp(
    host,
    port,
    (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      const body = JSON.stringify({
        status: path === '/healthz' && state.databaseUp ? 'ok' : 'error',
        worker: WORKER_ID,
        details: {
          database: { status: state.databaseUp ? 'up' : 'down' },
          migrations: { status: 'down', pending: state.pending },
        },
      });
      if (path === '/healthz') {
        sendHttp(res, state.databaseUp ? 200 : 503, 'application/json', body);
      } else if (path === '/readyz') {
        sendHttp(res, 503, 'application/json', body);
      } else {
        sendHttp(res, 503, 'text/plain', 'starting: waiting for pending migrations\n');
      }
      return Promise.resolve();
    },
    (error) => log.error(`Private HTTP request failed: ${error.message}`),
  );
}
