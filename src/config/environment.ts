import { Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

export enum NodeEnv {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

export enum LogLevel {
  Fatal = 'fatal',
  Error = 'error',
  Warn = 'warn',
  Info = 'info',
  Debug = 'debug',
  Trace = 'trace',
}

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() !== '' && /^-?\d+$/.test(value.trim())
    ? Number(value)
    : value;

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') {
    return value;
  }
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) {
    return true;
  }
  if (['false', '0', 'no', 'off'].includes(v)) {
    return false;
  }
  return value;
};

/**
 * Every environment variable the processes read, with its default and meaning.
 * This class is the only reader of process.env (see load-config.ts); `.env.example` documents the
 * same list and a unit test keeps the two in step. Each property's JSDoc is the description.
 */
export class Environment {
  /** Runtime mode: development, production or test. Production turns on Secure cookies. */
  @IsEnum(NodeEnv)
  NODE_ENV: NodeEnv = NodeEnv.Development;

  /** HTTP port of the API process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 8000;

  /** Interface the API binds to. */
  @IsString()
  HOST = '0.0.0.0';

  /**
   * API processes sharing the port (node:cluster): one per core the API may use. Each serves
   * requests on one thread; more than one needs no other change (they are replicas).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  /** PostgreSQL connection URL, e.g. postgres://piyasa:secret@127.0.0.1:5432/piyasa. Required. */
  @IsString()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  })
  DATABASE_URL!: string;

  /** Maximum PostgreSQL connections per process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * Run repeated statements as named prepared statements (parsed once per connection). Turn off
   * behind a pooler that does not keep one server connection per client (PgBouncer in transaction
   * mode before 1.21).
   */
  @Transform(toBool)
  @IsBoolean()
  DATABASE_PREPARED_STATEMENTS = true;

  /** Run pending migrations when the API starts (under a PostgreSQL advisory lock). */
  @Transform(toBool)
  @IsBoolean()
  MIGRATIONS_RUN_ON_START = true;

  /** Redis connection URL, e.g. redis://127.0.0.1:6379/0 or rediss://user:pass@host:6380. */
  @IsString()
  @Matches(
    /^rediss?:\/\/[^\s/:]+(:\d{1,5})?(\/\d{1,2})?$|^rediss?:\/\/[^\s@]*@[^\s/:]+(:\d{1,5})?(\/\d{1,2})?$/,
    {
      message: 'REDIS_URL must look like redis://host:6379 or redis://:password@host:6379/0',
    },
  )
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every Redis key this deployment writes (queues, limiters, caches, events). */
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]{1,40}$/, {
    message: 'REDIS_PREFIX may use letters, digits, _ and - (1-40)',
  })
  REDIS_PREFIX = 'piyasa';

  /** Log level: fatal, error, warn, info, debug or trace. */
  @IsEnum(LogLevel)
  LOG_LEVEL: LogLevel = LogLevel.Info;

  /** Which queues this worker consumes: "all" or a comma list of tick,turn,send,updates,maintenance. */
  @IsString()
  @Matches(
    /^(all|((tick|turn|send|updates|maintenance)(,(tick|turn|send|updates|maintenance))*))$/,
    {
      message: 'WORKER_QUEUES must be "all" or a comma list of tick,turn,send,updates,maintenance',
    },
  )
  WORKER_QUEUES = 'all';

  /**
   * How long a starting worker waits for pending migrations to be applied by the migrations step
   * (a rolling upgrade may start it first) before it gives up and exits 1. It consumes nothing
   * and its /readyz answers 503 meanwhile; it never migrates itself.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(86400000)
  WORKER_SCHEMA_WAIT_MS = 600000;

  /**
   * Port of the worker's private HTTP server (GET /healthz, GET /readyz, GET /metrics); 0 disables it.
   * Several workers on one host need different ports.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HTTP_PORT = 9465;

  /**
   * Interface of the worker's private HTTP server. Loopback by default; set 0.0.0.0 in containers
   * (Kubernetes, compose) so the kubelet and Prometheus can reach it inside the cluster network.
   */
  @IsString()
  @MinLength(1)
  WORKER_HTTP_HOST = '127.0.0.1';

  /**
   * Bearer token Prometheus must send to scrape /metrics (Authorization: Bearer <token>; at least
   * 16 characters). With neither this nor METRICS_ALLOW set, only loopback may scrape the API.
   */
  @IsOptional()
  @IsString()
  @Matches(/^$|^\S{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters, no spaces' })
  METRICS_TOKEN = '';

  /** Comma list of IP addresses or CIDRs allowed to scrape /metrics without the token. */
  @IsOptional()
  @IsString()
  METRICS_ALLOW = '';

  /**
   * TEST ONLY: delays every maintenance.probe job by this many milliseconds so shutdown tests can
   * catch a job in flight. Refused unless NODE_ENV=test; leave at 0.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  TEST_PROBE_DELAY_MS = 0;
  /** Turns run at once per worker process (they wait mostly on the LLM); one per chat at a time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  TURN_CONCURRENCY = 64;

  /**
   * How long a worker's lock on a running job lasts without renewal (BullMQ lockDuration; renewed
   * every half of it). It is also the stalled-job check interval and the message reaper's lease:
   * jobs of a crashed worker go back to the queue within about twice this time. Longer tolerates
   * longer event-loop stalls; shorter recovers faster.
   */
  @Transform(toInt)
  @IsInt()
  @Min(2000)
  @Max(600000)
  JOB_LOCK_MS = 30000;
  /**
   * How often a job may lose its lock (worker crash or stall) and be run again before it fails
   * (BullMQ maxStalledCount). The message reaper then gives its message a final state.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  JOB_MAX_STALLS = 1;

  /** How long a stopping process waits for in-flight jobs and requests, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_GRACE_MS = 25000;

  /** Seconds between dashboard snapshots pushed over the WebSocket. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  DASHBOARD_STREAM_INTERVAL = 5;

  /** Maximum JSON request body size, e.g. 1mb or 256kb. */
  @IsString()
  @Matches(/^\d+(b|kb|mb)$/i, { message: 'BODY_LIMIT must look like 256kb or 1mb' })
  BODY_LIMIT = '1mb';

  /** Comma list of origins allowed to call the API with credentials (empty: same origin only). */
  @IsOptional()
  @IsString()
  CORS_ORIGINS = '';

  /** Proxies whose X-Forwarded-* headers count: false, a hop count, or a comma list of addresses/CIDRs. */
  @IsString()
  TRUST_PROXY = 'false';

  /**
   * Encryption keys for secrets at rest (bot tokens, TOTP secrets): comma list of
   * "<key id>:<base64 of 32 random bytes>", e.g. "k1:3q2+7w…=". Generate one with
   * `node -e "console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))"`.
   * Keep old keys in the list after rotating so existing ciphertexts stay readable.
   */
  @IsOptional()
  @IsString()
  @Matches(
    /^$|^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/]{43}=)*$/,
    {
      message: 'ENCRYPTION_KEYS must be a comma list of "<id>:<base64 of 32 bytes>"',
    },
  )
  ENCRYPTION_KEYS = '';

  /** Id (from ENCRYPTION_KEYS) of the key new ciphertexts use; default: the first key. */
  @IsOptional()
  @IsString()
  ENCRYPTION_ACTIVE_KEY_ID = '';

  /** Minutes a login session may stay unused before it expires (idle timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10080)
  SESSION_IDLE_MINUTES = 60;

  /** Hours after login when a session expires whatever its use (absolute timeout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  SESSION_ABSOLUTE_HOURS = 12;

  /** Secure flag of the session cookie: auto (on in production), true or false. */
  @IsIn(['auto', 'true', 'false'])
  SESSION_COOKIE_SECURE: 'auto' | 'true' | 'false' = 'auto';

  /** Failed logins for one username within the window before that account is locked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  /** Failed logins from one client IP within the window before that IP is locked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_MAX_FAILURES_PER_IP = 20;

  /** Window (seconds) in which failed logins are counted. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(86400)
  LOGIN_FAILURE_WINDOW_SECONDS = 900;

  /** How long (seconds) a locked account or IP must wait before it may try again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCKOUT_SECONDS = 900;

  /** Login requests (any outcome) one client IP may make per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_RATE_PER_MINUTE = 30;

  /** Username of the admin created on first start (only while no user exists yet). */
  @IsOptional()
  @IsString()
  @Matches(/^$|^[A-Za-z0-9._@-]{3,64}$/, {
    message: 'DEFAULT_ADMIN_USERNAME may use letters, digits and . _ @ - (3-64 characters)',
  })
  DEFAULT_ADMIN_USERNAME = '';

  /** Password of that first admin (at least 12 characters); used once, never stored in clear. */
  @IsOptional()
  @IsString()
  @Matches(/^$|^.{12,256}$/, {
    message: 'DEFAULT_ADMIN_PASSWORD must be 12 to 256 characters long',
  })
  DEFAULT_ADMIN_PASSWORD = '';

  /** Optional base32 TOTP secret for that admin: login then needs a code from an authenticator app. */
  @IsOptional()
  @IsString()
  @Matches(/^$|^[A-Z2-7]{16,128}=*$/, {
    message: 'DEFAULT_ADMIN_MFA_SECRET must be a base32 secret (A-Z, 2-7; at least 16 characters)',
  })
  DEFAULT_ADMIN_MFA_SECRET = '';

  /**
   * Optional API key for automation, created for that admin: "pk_<8 letters/digits>_<32
   * letters/digits>". Generate one with
   * `node -e "const c=require('crypto');const r=n=>c.randomBytes(n).toString('base64').replace(/[^A-Za-z0-9]/g,'').slice(0,n);console.log('pk_'+r(8)+'_'+r(32))"`.
   */
  @IsOptional()
  @IsString()
  @Matches(/^$|^pk_[A-Za-z0-9]{8}_[A-Za-z0-9]{32}$/, {
    message: 'DEFAULT_ADMIN_API_KEY must look like pk_<8 letters/digits>_<32 letters/digits>',
  })
  DEFAULT_ADMIN_API_KEY = '';
  /** Let news feeds resolve to loopback/private/link-local addresses (tests, local fixtures only). */
  @Transform(toBool)
  @IsBoolean()
  NEWS_ALLOW_PRIVATE_ADDRESSES = false;

  /** Base URL of the Telegram Bot API (change it for a local Bot API server or tests). */
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'TELEGRAM_API_ROOT must be an http(s) URL' })
  TELEGRAM_API_ROOT = 'https://api.telegram.org';

  /** Upper bound of one Telegram request, in milliseconds (a send that times out is recorded as unknown). */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  TELEGRAM_REQUEST_TIMEOUT_MS = 15000;

  /** LLM provider: auto (openai when LLM_API_KEY is set, else the offline demo generator), openai or demo. */
  @IsIn(['auto', 'openai', 'demo'])
  LLM_PROVIDER: 'auto' | 'openai' | 'demo' = 'auto';

  /** Base URL of an OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio, Groq, OpenRouter). */
  @IsString()
  @Matches(/^https?:\/\/\S+$/, { message: 'LLM_BASE_URL must be an http(s) URL' })
  LLM_BASE_URL = 'https://api.openai.com/v1';

  /** API key of the LLM endpoint (empty: demo generator unless LLM_PROVIDER=openai). */
  @IsOptional()
  @IsString()
  LLM_API_KEY = '';

  /** Default chat model. */
  @IsString()
  @MinLength(1)
  LLM_MODEL = 'gpt-4o-mini';

  /** Model used when the default one fails (empty: none). */
  @IsOptional()
  @IsString()
  LLM_FALLBACK_MODEL = '';

  /** Timeout of one LLM request, in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(300000)
  LLM_TIMEOUT_MS = 30000;
}

/** Names of every variable (read from the validation metadata, so required ones count too). */
export function environmentVariableNames(): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(Environment, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}
