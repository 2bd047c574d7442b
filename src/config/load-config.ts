import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppConfig } from './app-config';
import { Environment, environmentVariableNames, NodeEnv } from './environment';
import { ALL_QUEUES, QueueName } from '../queue/queue-name';

/** Raised when the environment is invalid; lists every bad variable at once. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nFix these variables in your environment or .env file (see .env.example).',
    );
    this.name = 'ConfigValidationError';
  }
}

/**
 * Loads `.env` (if present) into the environment without overriding variables already set.
 * Entry points call this once before loadConfig.
 */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) {
    process.loadEnvFile(path);
  }
}

function describe(error: ValidationError, raw: Record<string, string | undefined>): string {
  const name = error.property;
  if (raw[name] === undefined) {
    return `${name} is required but not set`;
  }
  // Values are never echoed: URLs carry passwords and keys.
  return `${name}: ${Object.values(error.constraints ?? {}).join('; ')}`;
}

function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === 'false' || v === '') {
    return false;
  }
  if (v === 'true') {
    return true;
  }
  if (/^\d+$/.test(v)) {
    return Number(v);
  }
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseQueues(value: string): QueueName[] {
  if (value === 'all') {
    return [...ALL_QUEUES];
  }
  return value.split(',').map((s) => s.trim() as QueueName);
}

/** Validates the given environment (process.env at the entry points) and builds the typed config. */
export function loadConfig(source: NodeJS.ProcessEnv): AppConfig {
  const names = environmentVariableNames();
  const raw: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = source[name];
    // An empty assignment (`PORT=`) means "use the default", as in most dotenv tools.
    raw[name] = value === undefined || value.trim() === '' ? undefined : value.trim();
  }
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
  const env = plainToInstance(Environment, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    throw new ConfigValidationError(errors.map((e) => describe(e, raw)));
  }

  const encryptionKeys = env.ENCRYPTION_KEYS.split(',')
    .filter(Boolean)
    .map((entry) => {
      const [id, b64] = entry.split(':');
      return { id, key: Buffer.from(b64, 'base64') };
    });
  const activeKeyId = env.ENCRYPTION_ACTIVE_KEY_ID || encryptionKeys[0]?.id || null;
  const problems: string[] = [];
  if (activeKeyId && !encryptionKeys.some((k) => k.id === activeKeyId)) {
    problems.push(
      `ENCRYPTION_ACTIVE_KEY_ID: "${activeKeyId}" is not an id listed in ENCRYPTION_KEYS`,
    );
  }
  if (env.NODE_ENV === NodeEnv.Production && encryptionKeys.length === 0) {
    problems.push('ENCRYPTION_KEYS is required in production (secrets at rest are encrypted)');
  }
  if (problems.length > 0) {
    throw new ConfigValidationError(problems);
  }

  const provider =
    env.LLM_PROVIDER === 'auto' ? (env.LLM_API_KEY ? 'openai' : 'demo') : env.LLM_PROVIDER;
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === NodeEnv.Production,
    http: {
      port: env.PORT,
      host: env.HOST,
      bodyLimit: env.BODY_LIMIT,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      runMigrationsOnStart: env.MIGRATIONS_RUN_ON_START,
    },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    log: { level: env.LOG_LEVEL },
    worker: { queues: parseQueues(env.WORKER_QUEUES), turnConcurrency: env.TURN_CONCURRENCY },
    dashboard: { streamIntervalSeconds: env.DASHBOARD_STREAM_INTERVAL },
    encryption: { keys: encryptionKeys, activeKeyId },
    telegram: {
      apiRoot: env.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
      requestTimeoutMs: env.TELEGRAM_REQUEST_TIMEOUT_MS,
    },
    llm: {
      provider,
      baseUrl: env.LLM_BASE_URL.replace(/\/+$/, ''),
      apiKey: env.LLM_API_KEY,
      model: env.LLM_MODEL,
      fallbackModel: env.LLM_FALLBACK_MODEL || null,
      timeoutMs: env.LLM_TIMEOUT_MS,
    },
  };
}
