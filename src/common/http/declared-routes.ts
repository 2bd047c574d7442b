import { INestApplication } from '@nestjs/common';
import { FastifyInstance } from 'fastify';

/** A route as the HTTP server declared it. */
export interface DeclaredRoute {
  method: string;
  /** The pattern, "/bots/:id". */
  url: string;
  /**
   * Declared in the root context (Nest's routes, the documentation) rather than inside an
   * encapsulated plugin (the dashboard's files, the queue board), which the guard never sees.
   */
  root: boolean;
}

const declared = new WeakMap<object, DeclaredRoute[]>();

/**
 * Keeps the list of every route the instance declares from now on (Fastify has no public list).
 * The route-policy and OpenAPI tests walk it, so a route cannot escape ROUTE_POLICY or the
 * document unnoticed.
 */
export function recordDeclaredRoutes(instance: FastifyInstance): void {
  const routes: DeclaredRoute[] = [];
  declared.set(instance, routes);
  instance.addHook('onRoute', function (this: FastifyInstance, route) {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url, root: this === instance });
    }
  });
}

/** The routes the API application declared (recordDeclaredRoutes ran on its instance). */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  return declared.get(app.getHttpAdapter().getInstance() as object) ?? [];
}
