import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
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

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** "256kb" → 262144 (units of 1024, as body-parser counted them); the format is validated. */
export function parseByteSize(value: string): number {
  const [, amount, unit] = /^(\d+)(b|kb|mb)$/i.exec(value) ?? [];
  return Number(amount) * (BYTE_UNITS[(unit ?? 'b').toLowerCase()] ?? 1);
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) {
    return false;
  }
  if (bits === undefined) {
    return true;
  }
  const n = /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
  return n >= 0 && n <= (family === 4 ? 32 : 128);
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
  if (Boolean(env.DEFAULT_ADMIN_USERNAME) !== Boolean(env.DEFAULT_ADMIN_PASSWORD)) {
    problems.push('DEFAULT_ADMIN_USERNAME and DEFAULT_ADMIN_PASSWORD must be set together');
  }
  if ((env.DEFAULT_ADMIN_MFA_SECRET || env.DEFAULT_ADMIN_API_KEY) && !env.DEFAULT_ADMIN_USERNAME) {
    problems.push(
      'DEFAULT_ADMIN_MFA_SECRET and DEFAULT_ADMIN_API_KEY need DEFAULT_ADMIN_USERNAME and DEFAULT_ADMIN_PASSWORD',
    );
  }
  const metricsAllow = env.METRICS_ALLOW.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of metricsAllow) {
    if (!isAddressOrCidr(entry)) {
      problems.push(`METRICS_ALLOW: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8)`);
    }
  }
  if (env.TEST_PROBE_DELAY_MS > 0 && env.NODE_ENV !== NodeEnv.Test) {
    problems.push('TEST_PROBE_DELAY_MS is for tests only: set it to 0 or use NODE_ENV=test');
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
      processes: env.API_PROCESSES,
      bodyLimitBytes: parseByteSize(env.BODY_LIMIT),
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      trustProxy: parseTrustProxy(env.TRUST_PROXY),
    },
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    database: {
      url: env.DATABASE_URL,
      poolSize: env.DATABASE_POOL_SIZE,
      preparedStatements: env.DATABASE_PREPARED_STATEMENTS,
      runMigrationsOnStart: env.MIGRATIONS_RUN_ON_START,
    },
    redis: { url: env.REDIS_URL, prefix: env.REDIS_PREFIX },
    log: { level: env.LOG_LEVEL },
    worker: {
      queues: parseQueues(env.WORKER_QUEUES),
      turnConcurrency: env.TURN_CONCURRENCY,
      http: { port: env.WORKER_HTTP_PORT, host: env.WORKER_HTTP_HOST },
      schemaWaitMs: env.WORKER_SCHEMA_WAIT_MS,
      testProbeDelayMs: env.TEST_PROBE_DELAY_MS,
      jobLock: { lockMs: env.JOB_LOCK_MS, maxStalls: env.JOB_MAX_STALLS },
    },
    metrics: { token: env.METRICS_TOKEN || null, allow: metricsAllow },
    dashboard: { streamIntervalSeconds: env.DASHBOARD_STREAM_INTERVAL },
    encryption: { keys: encryptionKeys, activeKeyId },
    auth: {
      sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: env.SESSION_ABSOLUTE_HOURS * 3_600_000,
      cookieSecure:
        env.SESSION_COOKIE_SECURE === 'auto'
          ? env.NODE_ENV === NodeEnv.Production
          : env.SESSION_COOKIE_SECURE === 'true',
      login: {
        maxFailuresPerAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        maxFailuresPerIp: env.LOGIN_MAX_FAILURES_PER_IP,
        failureWindowMs: env.LOGIN_FAILURE_WINDOW_SECONDS * 1000,
        lockoutMs: env.LOGIN_LOCKOUT_SECONDS * 1000,
        ratePerMinute: env.LOGIN_RATE_PER_MINUTE,
      },
      bootstrapAdmin:
        env.DEFAULT_ADMIN_USERNAME && env.DEFAULT_ADMIN_PASSWORD
          ? {
              username: env.DEFAULT_ADMIN_USERNAME,
              password: env.DEFAULT_ADMIN_PASSWORD,
              mfaSecret: env.DEFAULT_ADMIN_MFA_SECRET || null,
              apiKey: env.DEFAULT_ADMIN_API_KEY || null,
            }
          : null,
    },
    news: { allowPrivateAddresses: env.NEWS_ALLOW_PRIVATE_ADDRESSES },
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
