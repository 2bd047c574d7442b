import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { RedisService } from '../redis/redis.service';
import { WORKER_ID } from '../worker/worker-identity';
import { metricsAccessChecker } from './metrics-access.util';
import { MetricsRegistry } from './metrics.registry';

const DB_CHECK_TIMEOUT_MS = 1500;

/**
 * The worker's private HTTP server (WORKER_HTTP_HOST:WORKER_HTTP_PORT, 0 disables it): GET /healthz
 * for probes (PostgreSQL and Redis reachable) and GET /metrics for Prometheus. A bare node:http
 * server on purpose — workers serve no public API, so they carry no Nest HTTP stack. /metrics
 * applies METRICS_TOKEN / METRICS_ALLOW when set; otherwise the private bind is the protection.
 */
@Injectable()
export class WorkerHttpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHttpServer.name);
  private server?: Server;
  private readonly decide: ReturnType<typeof metricsAccessChecker>;
  private readonly protectMetrics: boolean;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsRegistry,
    private readonly redis: RedisService,
    private readonly dataSource: DataSource,
  ) {
    this.decide = metricsAccessChecker(config.metrics);
    this.protectMetrics = config.metrics.token !== null || config.metrics.allow.length > 0;
  }

  /** The bound address (tests read the port), or null when disabled. */
  address(): AddressInfo | null {
    return (this.server?.address() as AddressInfo | null | undefined) ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host } = this.config.worker.http;
    if (port === 0) {
      return;
    }
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.logger.error(`Private HTTP request failed: ${(error as Error).message}`);
        if (!res.headersSent) {
          send(res, 500, 'text/plain', 'internal error\n');
        }
      });
    });
    // Probes must not keep a stopping worker alive.
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Private HTTP (healthz, metrics) on ${host}:${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'method not allowed\n');
      return;
    }
    if (path === '/healthz') {
      const [database, redis] = await Promise.all([this.databaseUp(), this.redis.ping(1000)]);
      const ok = database && redis;
      send(
        res,
        ok ? 200 : 503,
        'application/json',
        JSON.stringify({
          status: ok ? 'ok' : 'error',
          worker: WORKER_ID,
          details: {
            database: { status: database ? 'up' : 'down' },
            redis: { status: redis ? 'up' : 'down' },
          },
        }),
      );
      return;
    }
    if (path === '/metrics') {
      if (this.protectMetrics) {
        const decision = this.decide({
          address: req.socket.remoteAddress,
          authorization: req.headers.authorization,
        });
        if (decision !== 'allowed') {
          this.metrics.authFailure(`metrics_${decision}`);
          send(res, decision === 'address_refused' ? 403 : 401, 'text/plain', 'forbidden\n');
          return;
        }
      }
      const { contentType, body } = await this.metrics.exposition();
      send(res, 200, contentType, body);
      return;
    }
    send(res, 404, 'text/plain', 'not found\n');
  }

  private async databaseUp(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), DB_CHECK_TIMEOUT_MS);
      });
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  res.end(body);
}
