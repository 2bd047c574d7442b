import { FastifyInstance, FastifyRequest } from 'fastify';
import { MetricsRegistry } from './metrics.registry';

/**
 * The route label of a request: the matched pattern ("/bots/:id"), never the raw URL, so ids do
 * not create one series each. Requests no route matched (404s) share one label.
 */
export function routeLabel(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

/**
 * Counts and times every API request, and counts 401/403 answers as authentication/authorisation
 * failures. A hook of the root instance, added before any route or plugin, so it also sees 404s,
 * the queue board, the documentation and the dashboard's files.
 */
export function countHttpRequests(instance: FastifyInstance, metrics: MetricsRegistry): void {
  instance.addHook('onResponse', (request, reply, done) => {
    metrics.httpRequest(
      request.method,
      routeLabel(request),
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    if (reply.statusCode === 401) {
      metrics.authFailure('unauthorized');
    } else if (reply.statusCode === 403) {
      metrics.authFailure('forbidden');
    }
    done();
  });
}
