export type HealthLevel = 'ok' | 'degraded' | 'down' | 'unknown';

export interface HealthItem {
  name: string;
  level: HealthLevel;
  detail: string | null;
}

const OK = new Set(['ok', 'up', 'healthy', 'pass', 'passed', 'true']);
const DEGRADED = new Set(['degraded', 'warn', 'warning', 'slow']);
const DOWN = new Set(['down', 'error', 'fail', 'failed', 'unhealthy', 'false']);

export function toLevel(status: unknown): HealthLevel {
  const text = String(status).toLowerCase();
  if (OK.has(text)) {
    return 'ok';
  }
  if (DEGRADED.has(text)) {
    return 'degraded';
  }
  return DOWN.has(text) ? 'down' : 'unknown';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function detailOf(entry: Record<string, unknown>): string | null {
  for (const key of ['message', 'detail', 'error', 'latency_ms']) {
    const value = entry[key];
    if (value != null) {
      const text =
        typeof value === 'string' || typeof value === 'number'
          ? String(value)
          : JSON.stringify(value);
      return key === 'latency_ms' ? `${text} ms` : text;
    }
  }
  return null;
}

/**
 * Reads GET /system/health in the shapes a health endpoint commonly has — terminus
 * (`{status, info, error, details}`), `{checks: {name: {status}}}`, or `{name: status}` —
 * into a flat list, so the overview shows API/worker/DB/Redis whatever the final shape.
 */
export function normalizeHealth(body: unknown): HealthItem[] {
  if (!isRecord(body)) {
    return [];
  }
  const source = isRecord(body.details)
    ? body.details
    : isRecord(body.checks)
      ? body.checks
      : isRecord(body.components)
        ? body.components
        : body;
  const items: HealthItem[] = [];
  for (const [name, entry] of Object.entries(source)) {
    if (isRecord(entry) && 'status' in entry) {
      items.push({ name, level: toLevel(entry.status), detail: detailOf(entry) });
    } else if (typeof entry === 'string' || typeof entry === 'boolean') {
      if (
        source === body &&
        (name === 'status' || name === 'generated_at' || name === 'timestamp')
      ) {
        continue;
      }
      items.push({ name, level: toLevel(entry), detail: null });
    }
  }
  return items;
}
