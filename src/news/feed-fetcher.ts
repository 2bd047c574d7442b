import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a feed URL may never reach (SSRF): loopback, private, link-local, unspecified. */
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  FORBIDDEN.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['::ffff:0:0', 96],
] as const) {
  FORBIDDEN.addSubnet(net, bits, 'ipv6');
}

export interface FeedFetchOptions {
  timeoutMs: number;
  maxBytes: number;
  allowPrivateAddresses: boolean;
}

export const DEFAULT_FEED_FETCH: Omit<FeedFetchOptions, 'allowPrivateAddresses'> = {
  timeoutMs: 5000,
  maxBytes: 1024 * 1024,
};

/**
 * Fetches one feed with a deadline and a size cap, after checking that every address the host
 * resolves to is public. (A resolver answering differently on the second lookup could still slip
 * through; the deadline and size cap bound what that can cost.)
 */
export async function fetchFeed(url: string, options: FeedFetchOptions): Promise<string> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`unsupported protocol ${parsed.protocol}`);
  }
  if (!options.allowPrivateAddresses) {
    const host = parsed.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host)
      ? [{ address: host, family: isIP(host) }]
      : await lookup(host, { all: true });
    for (const a of addresses) {
      if (FORBIDDEN.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4')) {
        throw new Error(`feed host ${host} resolves to a private address`);
      }
    }
  }
  const response = await fetch(url, {
    signal: AbortSignal.timeout(options.timeoutMs),
    redirect: 'error',
    headers: { accept: 'application/rss+xml, application/atom+xml, application/xml, text/xml' },
  });
  if (!response.ok || !response.body) {
    throw new Error(`feed answered ${response.status}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > options.maxBytes) {
      throw new Error(`feed larger than ${options.maxBytes} bytes`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
