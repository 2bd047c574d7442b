import { LogLevel, NodeEnv } from './environment';
import { QueueName } from '../queue/queue-name';

/** The typed, grouped configuration every module receives (injected as APP_CONFIG). */
export interface AppConfig {
  env: NodeEnv;
  isProduction: boolean;
  http: {
    port: number;
    host: string;
    bodyLimit: string;
    corsOrigins: string[];
    /** Value for Express' "trust proxy" setting. */
    trustProxy: boolean | number | string[];
  };
  /** How long a stopping process waits for in-flight work before exiting anyway. */
  shutdownGraceMs: number;
  database: { url: string; poolSize: number; runMigrationsOnStart: boolean };
  redis: { url: string; prefix: string };
  log: { level: LogLevel };
  worker: { queues: QueueName[]; turnConcurrency: number };
  dashboard: { streamIntervalSeconds: number };
  /** Keys for secrets at rest; `activeKeyId` null when no key is configured. */
  encryption: { keys: { id: string; key: Buffer }[]; activeKeyId: string | null };
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
