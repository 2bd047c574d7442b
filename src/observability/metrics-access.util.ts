import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';

/** Who may scrape: AppConfig.metrics. */
export interface MetricsAccessPolicy {
  token: string | null;
  allow: string[];
}

export type MetricsAccessDecision = 'allowed' | 'missing_token' | 'bad_token' | 'address_refused';

/** "::ffff:10.1.2.3" (an IPv4 client on a dual-stack socket) is the IPv4 address 10.1.2.3. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

export function isLoopback(address: string): boolean {
  const ip = normalizeAddress(address);
  return ip === '::1' || /^127\.\d+\.\d+\.\d+$/.test(ip);
}

function buildBlockList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) {
      list.addAddress(address, type);
    } else {
      list.addSubnet(address, Number(bits), type);
    }
  }
  return list;
}

function tokenMatches(presented: string, expected: string): boolean {
  // Hash both sides so the comparison is constant-time whatever the lengths.
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Decides whether a scraper may read /metrics:
 * - a valid `Authorization: Bearer <METRICS_TOKEN>` is always enough;
 * - an address in METRICS_ALLOW is enough;
 * - with neither configured, only loopback may scrape (safe default for a public API port).
 * Built once per policy; `decide` is cheap per request.
 */
export function metricsAccessChecker(
  policy: MetricsAccessPolicy,
): (request: {
  address: string | undefined;
  authorization: string | undefined;
}) => MetricsAccessDecision {
  const allowList = buildBlockList(policy.allow);
  return ({ address, authorization }) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (policy.token && bearer && tokenMatches(bearer, policy.token)) {
      return 'allowed';
    }
    const ip = address ? normalizeAddress(address) : '';
    const family = isIP(ip);
    if (
      policy.allow.length > 0 &&
      family !== 0 &&
      allowList.check(ip, family === 6 ? 'ipv6' : 'ipv4')
    ) {
      return 'allowed';
    }
    if (!policy.token && policy.allow.length === 0 && isLoopback(ip)) {
      return 'allowed';
    }
    if (policy.token) {
      return bearer ? 'bad_token' : 'missing_token';
    }
    return 'address_refused';
  };
}
