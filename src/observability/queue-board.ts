import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { JobProducer } from '../queue/job-producer.service';
import { ALL_QUEUES } from '../queue/queue-name';
import { boardAuthorizer, queueBoardAccess } from './queue-board-access';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board (an Express app of its own) at /admin/queues behind admin access (API key or
 * the dashboard's session cookie, as for every route).
 * Job payloads hold ids only, so the board shows nothing secret.
 */
export function mountQueueBoard(app: INestApplication): void {
  const producer = app.get(JobProducer);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(producer.queue(name))),
    // package.json pins @bull-board/express 9.10.1 (which nests @bull-board/api 9.10.1) beside
    // @bull-board/api 9.10.2: the classes are the same at runtime but TypeScript sees two
    // declarations. Aligning the two versions in package.json would remove this cast.
    serverAdapter: adapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'piyasa queues' } },
  });
  app.use(
    QUEUE_BOARD_PATH,
    queueBoardAccess(boardAuthorizer(app)),
    adapter.getRouter() as (...args: unknown[]) => void,
  );
}
