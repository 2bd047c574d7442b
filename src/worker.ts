import 'reflect-metadata';
import { WorkerHost } from '@nestjs/bullmq';
import { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { baseLoggerOptions } from './common/logging/logger-options';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { WorkerModule } from './worker.module';
import { waitForCurrentSchema } from './worker/wait-for-schema';
import { WORKER_PROCESSORS } from './worker/worker-processors';

/**
 * Worker process: BullMQ processors only, no public HTTP. On SIGTERM/SIGINT it stops taking jobs
 * and lets in-flight ones finish (BullMQ's worker.close()); past SHUTDOWN_GRACE_MS it exits anyway
 * and BullMQ's stalled-job check hands the unfinished jobs to another replica.
 * It starts only on a current schema (waitForCurrentSchema): a worker never migrates.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  // The application's logger exists once the application is built; the wait before it logs alike.
  const startupLog = pino(baseLoggerOptions(config, 'worker'));
  if (!(await waitForCurrentSchema(config, startupLog))) {
    process.exitCode = 1;
    return;
  }
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  await app.init();
  const consumed = config.worker.queues.filter((queue) => WORKER_PROCESSORS[queue] !== undefined);
  logger.log(`Worker started; consuming queues: ${consumed.join(', ') || 'none'}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.log(`${signal} received; finishing in-flight jobs`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${config.shutdownGraceMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownGraceMs).unref();
    // Drain the queue workers first, while Redis and PostgreSQL are still open: Nest would close
    // the Redis connections (onModuleDestroy) before BullMQ's own shutdown hook runs.
    const workers = consumed.map(
      (queue) => app.get<WorkerHost>(WORKER_PROCESSORS[queue] as Type<WorkerHost>).worker,
    );
    Promise.all(workers.map((worker) => worker.close()))
      .then(() => app.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'Error during shutdown');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

void bootstrap();
