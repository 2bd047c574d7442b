import 'reflect-metadata';
import { createApiApp } from './api-app';
import { loadConfigOrExit } from './config/load-config-or-exit';

/** API process: REST, OpenAPI docs, WebSocket gateway, webhook intake; enqueues, never consumes. */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
}

void bootstrap();
