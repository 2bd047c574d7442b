import cluster, { Worker } from 'node:cluster';
import pino from 'pino';
import { baseLoggerOptions } from './common/logging/logger-options';
import { AppConfig } from './config/app-config';
import { EXIT_CONFIG } from './config/load-config-or-exit';

const FIRST_RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A child that served this long before it died is replaced after the first delay again. */
const HEALTHY_RUN_MS = 60_000;

/**
 * The primary of an API that runs as several processes on one port (API_PROCESSES > 1): a
 * Node.js process serves HTTP on one thread, so one per core lets the API use the machine. The
 * primary only supervises; node:cluster hands the accepted connections to the children in turn,
 * and each child is a whole API process (the replicas it already supports: shared state lives in
 * PostgreSQL and Redis, migrations run under their advisory lock).
 *
 * - A child that dies is replaced, after a delay that doubles while replacements die young.
 * - A child that exits with EX_CONFIG ends the primary with the same code (no replacement could
 *   start either).
 * - SIGTERM/SIGINT are passed to every child, which finishes its requests (Nest shutdown hooks);
 *   the primary exits once they all have, 0 when each stopped cleanly.
 */
export function superviseApiProcesses(config: AppConfig): void {
  const log = pino(baseLoggerOptions(config, 'api'));
  let stopping = false;
  let failedStops = 0;
  let restartDelayMs = FIRST_RESTART_DELAY_MS;
  const startedAt = new Map<number, number>();

  const fork = (): void => {
    const child = cluster.fork();
    startedAt.set(child.id, Date.now());
    child.once('exit', (code, signal) => onExit(child, code, signal));
  };

  const onExit = (child: Worker, code: number | null, signal: string | null): void => {
    const ranMs = Date.now() - (startedAt.get(child.id) ?? Date.now());
    startedAt.delete(child.id);
    if (stopping) {
      // Nest's shutdown hook closes the application, then re-raises the signal it received.
      const clean = code === 0 || signal === 'SIGTERM' || signal === 'SIGINT';
      if (!clean) {
        failedStops++;
        log.error({ pid: child.process.pid, code, signal }, 'API process did not stop cleanly');
      }
      if (startedAt.size === 0) {
        log.info('All API processes stopped');
        process.exit(failedStops === 0 ? 0 : 1);
      }
      return;
    }
    if (code === EXIT_CONFIG) {
      log.fatal('An API process refused the configuration; stopping');
      process.exit(EXIT_CONFIG);
    }
    if (ranMs >= HEALTHY_RUN_MS) {
      restartDelayMs = FIRST_RESTART_DELAY_MS;
    }
    const delay = restartDelayMs;
    restartDelayMs = Math.min(restartDelayMs * 2, MAX_RESTART_DELAY_MS);
    log.error(
      { pid: child.process.pid, code, signal, restartInMs: delay },
      'API process exited; starting another',
    );
    setTimeout(() => {
      if (!stopping) {
        fork();
      }
    }, delay);
  };

  const stop = (received: NodeJS.Signals): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info(`${received} received; stopping ${startedAt.size} API processes`);
    for (const child of Object.values(cluster.workers ?? {})) {
      child?.process.kill('SIGTERM');
    }
    if (startedAt.size === 0) {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  log.info(`Starting ${config.http.processes} API processes on port ${config.http.port}`);
  for (let i = 0; i < config.http.processes; i++) {
    fork();
  }
}
