import { NextFunction, Request, RequestHandler, Response } from 'express';
import { MetricsRegistry } from './metrics.registry';

/**
 * The route label of a request: the matched pattern ("/bots/:id"), never the raw URL, so ids do
 * not create one series each. Requests no route matched share one label.
 */
export function routeLabel(request: Request, status: number): string {
  const pattern = (request.route as { path?: unknown } | undefined)?.path;
  // Nest answers unknown paths from a catch-all route ("/{*path}"): that is "no route" too.
  if (status === 404 && (pattern === '/{*path}' || pattern === '*')) {
    return 'unmatched';
  }
  if (typeof pattern === 'string') {
    return `${request.baseUrl}${pattern}` || '/';
  }
  if (request.baseUrl) {
    // A mounted Express router (the queue board) without route objects: its mount point.
    return `${request.baseUrl}/*`;
  }
  return 'unmatched';
}

/**
 * Counts and times every API request (mounted first, so it also sees 404s, the queue board and
 * static files), and counts 401/403 answers as authentication/authorisation failures.
 */
export function httpMetricsMiddleware(metrics: MetricsRegistry): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpRequest(
        request.method,
        routeLabel(request, response.statusCode),
        response.statusCode,
        seconds,
      );
      if (response.statusCode === 401) {
        metrics.authFailure('unauthorized');
      } else if (response.statusCode === 403) {
        metrics.authFailure('forbidden');
      }
    });
    next();
  };
}
