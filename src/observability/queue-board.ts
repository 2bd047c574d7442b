import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance } from 'fastify';
import { JobProducer } from '../queue/job-producer.service';
import { ALL_QUEUES } from '../queue/queue-name';
import { boardAuthorizer, queueBoardAccess } from './queue-board-access';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board (a Fastify plugin of its own, outside Nest routing) at /admin/queues behind
 * admin access (API key or the dashboard's session cookie, as for every route): the access hook
 * and the board share one encapsulated scope, so the hook guards the board's routes only.
 * Job payloads hold ids only, so the board shows nothing secret.
 */
export async function mountQueueBoard(app: NestFastifyApplication): Promise<void> {
  const producer = app.get(JobProducer);
  const adapter = new FastifyAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(producer.queue(name))),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'piyasa queues' } },
  });
  const access = queueBoardAccess(boardAuthorizer(app));
  await app.register(
    async (board: FastifyInstance) => {
      board.addHook('onRequest', access);
      await board.register(adapter.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
