// Prints the API's OpenAPI document as JSON, without a database, Redis or a listening port:
// the Nest app is created in preview mode (controllers and their metadata, no providers run),
// which is all @nestjs/swagger reads. Used by `npm run --workspace dashboard api:types`.
//   npx ts-node scripts/openapi-document.ts > openapi.json
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiModule } from '../src/api.module';
import { createApiDocument } from '../src/common/openapi/api-document';
import { loadConfig } from '../src/config/load-config';

async function main(): Promise<void> {
  // Placeholders that satisfy validation: nothing connects in preview mode.
  const config = loadConfig({
    NODE_ENV: 'development',
    DATABASE_URL: 'postgres://openapi@127.0.0.1:9/none',
    REDIS_URL: 'redis://127.0.0.1:9',
    LOG_LEVEL: 'fatal',
  });
  const app = await NestFactory.create(ApiModule.forRoot(config), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  const document = createApiDocument(app);
  await app.close();
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
