/**
 * The opaque keyset cursor of GET /logs: the last row's created_at in microseconds since the
 * epoch (PostgreSQL's precision — milliseconds would skip or repeat rows) and its id.
 */
export interface LogCursor {
  createdUs: number;
  id: number;
}

export function encodeLogCursor(cursor: LogCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdUs, cursor.id])).toString('base64url');
}

/** The cursor, or null when the string is not one of ours (the caller answers 400). */
export function decodeLogCursor(raw: string): LogCursor | null {
  if (raw.length > 100 || !/^[A-Za-z0-9_-]+$/.test(raw)) {
    return null;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) {
    return null;
  }
  const [createdUs, id] = parsed as unknown[];
  const valid = (n: unknown, min: number): n is number =>
    typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
  return valid(createdUs, 0) && valid(id, 1) ? { createdUs, id } : null;
}
