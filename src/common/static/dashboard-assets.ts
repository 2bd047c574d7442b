import fastifyStatic from '@fastify/static';
import { FastifyInstance } from 'fastify';

/**
 * Serves the built dashboard: one route per file of the build (read once: it is immutable while
 * the process runs) and "/" for index.html, so no API request ever touches the disk and a path
 * outside the build is the API's to answer. The dashboard uses hash routes, so these are all its
 * paths. Assets are cached for an hour (their names carry a content hash).
 */
export async function serveDashboard(instance: FastifyInstance, dir: string): Promise<void> {
  // In a scope of its own: the files are not API routes (declared-routes.ts tells them apart).
  await instance.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: 'index.html',
      maxAge: '1h',
      // The OpenAPI UI registers @fastify/static too; neither needs reply.sendFile.
      decorateReply: false,
    });
  });
}
