import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { migrationsAreCurrent } from '../database/run-migrations';
import { RedisService } from '../redis/redis.service';
import { WORKER_ID } from '../worker/worker-identity';
import { metricsAccessChecker } from './metrics-access.util';
import { MetricsRegistry } from './metrics.registry';
import { closePrivateHttp, listenPrivateHttp, sendHttp as send } from './private-http.util';

const CHECK_TIMEOUT_MS = 1500;

/**
 * The worker's private HTTP server (WORKER_HTTP_HOST:WORKER_HTTP_PORT, 0 disables it): GET /healthz
 * for liveness (PostgreSQL and Redis reachable), GET /readyz for readiness (the same, and every
 * migration of this build applied, as the API's /readyz) and GET /metrics for Prometheus. A bare node:http
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
    const server = await listenPrivateHttp(
      host,
      port,
      (req, res) => this.handle(req, res),
      (error) => this.logger.error(`Private HTTP request failed: ${error.message}`),
    );
    this.server = server;
    this.logger.log(`Private HTTP (healthz, readyz, metrics) on ${host}:${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      await closePrivateHttp(server);
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain', 'method not allowed\n');
      return;
    }
    if (path === '/healthz' || path === '/readyz') {
      const checks: Record<string, Promise<boolean>> = {
        database: this.answers(() => this.dataSource.query('SELECT 1')),
        redis: this.redis.ping(1000),
      };
      if (path === '/readyz') {
        checks.migrations = this.answers(() => migrationsAreCurrent(this.dataSource));
      }
      const names = Object.keys(checks);
      const results = await Promise.all(Object.values(checks));
      const ok = results.every(Boolean);
      send(
        res,
        ok ? 200 : 503,
        'application/json',
        JSON.stringify({
          status: ok ? 'ok' : 'error',
          worker: WORKER_ID,
          details: Object.fromEntries(
            names.map((name, i) => [name, { status: results[i] ? 'up' : 'down' }]),
          ),
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

  /** True when `check` resolves (to true, if it resolves to a boolean) within the time limit. */
  private async answers(check: () => Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), CHECK_TIMEOUT_MS);
      });
      return (await Promise.race([check(), timeout])) !== false;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
