import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { WsAdapter } from '@nestjs/platform-ws';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ApiAppOptions, ApiModule } from './api.module';
import { recordDeclaredRoutes } from './common/http/declared-routes';
import { useJsonBodyParser } from './common/http/json-body-parser';
import { requestIdOf } from './common/logging/logger-options';
import { createApiDocument } from './common/openapi/api-document';
import { serveDashboard } from './common/static/dashboard-assets';
import { dashboardDistDir } from './common/static/dashboard-dist';
import { createValidationPipe } from './common/errors/validation.pipe';
import { AppConfig } from './config/app-config';
import { runMigrationsLocked } from './database/run-migrations';
import { countHttpRequests } from './observability/http-metrics.hook';
import { MetricsRegistry } from './observability/metrics.registry';
import { mountQueueBoard } from './observability/queue-board';
import { RedisService } from './redis/redis.service';

/**
 * Builds the API application (not yet listening): used by main.ts and by the tests, so tests
 * exercise exactly the production bootstrap. Nest runs on Fastify: its router and reply path cost
 * a fraction of Express' per request, which is most of what a read of this API costs
 * (bench/api/README.md, session 7).
 */
export async function createApiApp(
  config: AppConfig,
  options: ApiAppOptions = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.http.trustProxy,
    bodyLimit: config.http.bodyLimitBytes,
    // The id pino-http logs (X-Request-Id or a UUID), so error bodies and log lines agree.
    genReqId: requestIdOf,
    // "/bots/" is "/bots", as it was for the original's clients.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule.forRoot(config, options),
    adapter,
    { bufferLogs: true, bodyParser: false },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // Hooks of the root instance first: every route and plugin registered later inherits them.
  recordDeclaredRoutes(fastify);
  countHttpRequests(fastify, app.get(MetricsRegistry));
  app.useLogger(app.get(Logger));
  useJsonBodyParser(fastify);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      // Outside production the API is plain HTTP (localhost): upgrading would break the dashboard.
      directives: { upgradeInsecureRequests: config.isProduction ? [] : null },
    },
  });
  await app.register(fastifyCookie);
  await mountQueueBoard(app);
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    credentials: true,
  });
  app.useGlobalPipes(createValidationPipe());
  const dashboard = dashboardDistDir();
  if (dashboard) {
    await serveDashboard(fastify, dashboard);
  }
  app.useWebSocketAdapter(new WsAdapter(app));
  app.enableShutdownHooks();

  const document = createApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });

  if (config.database.runMigrationsOnStart) {
    await runMigrationsLocked(app.get(DataSource));
  }
  await app.get(RedisService).warnIfEvictionPolicyUnsafe();
  return app;
}
