import { LogLevel, NodeEnv } from './environment';
import { QueueName } from '../queue/queue-name';

/** The typed, grouped configuration every module receives (injected as APP_CONFIG). */
export interface AppConfig {
  env: NodeEnv;
  isProduction: boolean;
  http: {
    port: number;
    host: string;
    /** API processes sharing the port (node:cluster); 1 = this process serves alone. */
    processes: number;
    /** Largest accepted request body, in bytes (BODY_LIMIT). */
    bodyLimitBytes: number;
    corsOrigins: string[];
    /** Which proxies' X-Forwarded-* headers to believe (Fastify's trustProxy). */
    trustProxy: boolean | number | string[];
  };
  /** How long a stopping process waits for in-flight work before exiting anyway. */
  shutdownGraceMs: number;
  database: {
    url: string;
    poolSize: number;
    preparedStatements: boolean;
    runMigrationsOnStart: boolean;
  };
  redis: { url: string; prefix: string };
  news: { allowPrivateAddresses: boolean };
  log: { level: LogLevel };
  worker: {
    queues: QueueName[];
    /** Turns run at once per worker (they wait mostly on the LLM). */
    turnConcurrency: number;
    /** Private HTTP server (healthz, readyz, metrics); port 0 = disabled. */
    http: { port: number; host: string };
    /** How long a starting worker waits for pending migrations before it exits 1. */
    schemaWaitMs: number;
    /** Test-only delay of maintenance.probe jobs (0 outside tests). */
    testProbeDelayMs: number;
    /**
     * Job locks of every queue worker: lock duration (also the stalled check interval and the
     * message reaper's lease) and how many lost locks a job survives.
     */
    jobLock: { lockMs: number; maxStalls: number };
  };
  /** Who may scrape /metrics: a bearer token and/or addresses; neither = loopback only. */
  metrics: { token: string | null; allow: string[] };
  dashboard: { streamIntervalSeconds: number };
  /** Keys for secrets at rest; `activeKeyId` null when no key is configured. */
  encryption: { keys: { id: string; key: Buffer }[]; activeKeyId: string | null };
  auth: {
    sessionIdleMs: number;
    sessionAbsoluteMs: number;
    /** Secure flag of the session cookie (resolved from SESSION_COOKIE_SECURE and NODE_ENV). */
    cookieSecure: boolean;
    login: {
      maxFailuresPerAccount: number;
      maxFailuresPerIp: number;
      failureWindowMs: number;
      lockoutMs: number;
      ratePerMinute: number;
    };
    /** First-start admin; null when DEFAULT_ADMIN_USERNAME/PASSWORD are not both set. */
    bootstrapAdmin: {
      username: string;
      password: string;
      mfaSecret: string | null;
      apiKey: string | null;
    } | null;
  };
  telegram: { apiRoot: string; requestTimeoutMs: number };
  llm: {
    /** Resolved provider: "auto" has already been decided by the presence of an API key. */
    provider: 'openai' | 'demo';
    baseUrl: string;
    apiKey: string;
    model: string;
    fallbackModel: string | null;
    timeoutMs: number;
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
