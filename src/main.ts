import 'reflect-metadata';
import cluster from 'node:cluster';
import { superviseApiProcesses } from './api-cluster';
import { loadConfigOrExit } from './config/load-config-or-exit';

/**
 * API process: REST, OpenAPI docs, WebSocket gateway, webhook intake; enqueues, never consumes.
 * With API_PROCESSES > 1 this process supervises that many API processes sharing the port.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  if (config.http.processes > 1 && cluster.isPrimary) {
    superviseApiProcesses(config);
    return;
  }
  // Loaded here, not at the top: the supervising primary never builds the application.
  const { createApiApp } = await import('./api-app');
  const app = await createApiApp(config);
  await app.listen(config.http.port, config.http.host);
}

void bootstrap();
