import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { ApiAppOptions, ApiModule } from './api.module';
import { createApiDocument } from './common/openapi/api-document';
import { dashboardAssets } from './common/static/dashboard-assets.middleware';
import { dashboardDistDir } from './common/static/dashboard-dist';
import { bodyParserErrors } from './common/errors/body-parser-errors.middleware';
import { createValidationPipe } from './common/errors/validation.pipe';
import { AppConfig } from './config/app-config';
import { runMigrationsLocked } from './database/run-migrations';
import { httpMetricsMiddleware } from './observability/http-metrics.middleware';
import { MetricsRegistry } from './observability/metrics.registry';
import { mountQueueBoard } from './observability/queue-board';
import { RedisService } from './redis/redis.service';

/**
 * Builds the API application (not yet listening): used by main.ts and by the tests, so tests
 * exercise exactly the production bootstrap.
 */
export async function createApiApp(
  config: AppConfig,
  options: ApiAppOptions = {},
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.http.trustProxy);
  // Express hashes every response body (SHA-1) for an ETag; API answers are live data that
  // clients do not revalidate, and a 1,000-bot page costs milliseconds to hash.
  app.set('etag', false);
  app.use(httpMetricsMiddleware(app.get(MetricsRegistry)));
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  app.use(bodyParserErrors);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Outside production the API is plain HTTP (localhost): upgrading would break the dashboard.
        directives: { upgradeInsecureRequests: config.isProduction ? [] : null },
      },
    }),
  );
  app.use(cookieParser());
  mountQueueBoard(app);
  app.enableCors({
    origin: config.http.corsOrigins.length > 0 ? config.http.corsOrigins : false,
    credentials: true,
  });
  app.useGlobalPipes(createValidationPipe());
  const dashboard = dashboardDistDir();
  if (dashboard) {
    app.use(dashboardAssets(dashboard));
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
