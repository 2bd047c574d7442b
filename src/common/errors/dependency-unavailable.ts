/** Socket error codes of a peer that is down, unreachable or went away mid-request. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Messages of the clients when their server is gone: ioredis (fail-fast producer connection with
 * no offline queue, a closed connection, retries exhausted) and pg (connection lost or not made).
 */
const UNAVAILABLE_MESSAGES = [
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Connection is closed.',
  'Reached the max retries per request limit',
  'Connection terminated',
  'timeout exceeded when trying to connect',
];

/**
 * SQLSTATEs of a PostgreSQL that cannot serve right now: class 08 (connection exception),
 * 57P01–57P03 (shutting down, crash recovery, not yet accepting connections).
 */
function isUnavailableSqlState(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('08') || /^57P0[1-3]$/.test(code));
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: ErrorLike;
  cause?: ErrorLike;
}

/**
 * True when a request failed because PostgreSQL or Redis is unavailable (down, restarting,
 * connection cut), not because of the request: the HTTP edge answers 503 so clients and
 * Telegram retry, instead of a 500 that reads as a bug.
 */
export function isDependencyUnavailable(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 3) {
    return false;
  }
  const e = error as ErrorLike;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  if ((code && NETWORK_CODES.has(code)) || isUnavailableSqlState(code)) {
    return true;
  }
  if (UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) {
    return true;
  }
  // TypeORM wraps the driver's error; Node wraps causes.
  return (
    isDependencyUnavailable(e.driverError, depth + 1) || isDependencyUnavailable(e.cause, depth + 1)
  );
}
