import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '../../src/config/app-config';
import { DomainEventBus } from '../../src/events/domain-event-bus.service';
import { WorkerModule } from '../../src/worker.module';

/**
 * A second process' view in the same test: the real worker module graph (own connections, own
 * caches, own events subscriber) on the API harness' database and Redis prefix.
 */
export async function startWorkerContext(config: AppConfig): Promise<INestApplicationContext> {
  const context = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: false,
  });
  await context.init();
  await context.get(DomainEventBus).ready();
  return context;
}
