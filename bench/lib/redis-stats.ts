import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import Redis from 'ioredis';
import { WatchedProcess } from './process-sampler';

/** Redis connections of each watched process, and of everything else on the server. */
export interface RedisConnections {
  /** Process name → open connections. */
  by_process: Record<string, number>;
  /** Connections no watched process owns (redis-cli, other clients). */
  other: number;
  /** Client name (CLIENT SETNAME, e.g. "<prefix>:command") → connections; "" when unnamed. */
  by_client_name: Record<string, number>;
}

/** Local TCP port → socket inode, for the network namespace of `pid`. */
function socketInodesByPort(pid: number): Map<string, number> {
  const byInode = new Map<string, number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) {
        continue;
      }
      const port = parseInt(cols[1].split(':')[1], 16);
      byInode.set(cols[9], port);
    }
  }
  return byInode;
}

/** Local ports of the TCP sockets a process holds open (its fds → socket inodes → ports). */
function localPortsOf(pid: number, portByInode: Map<string, number>): Set<number> {
  const ports = new Set<number>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return ports;
  }
  for (const fd of fds) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      const port = m ? portByInode.get(m[1]) : undefined;
      if (port !== undefined) {
        ports.add(port);
      }
    } catch {
      // the fd closed between readdir and readlink
    }
  }
  return ports;
}

/**
 * Server-side counters of a Redis the bench has to itself (bench/lib/private-redis.ts): on a
 * shared server they would include everyone else's commands.
 */
export class RedisStats {
  constructor(private readonly redis: Redis) {}

  /** INFO stats total_commands_processed: the difference over a window gives ops/second. */
  async commandsProcessed(): Promise<number> {
    const info = await this.redis.info('stats');
    return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
  }

  /** INFO commandstats: calls per command so far (`evalsha`, `bzpopmin`, …). */
  async callsByCommand(): Promise<Record<string, number>> {
    const info = await this.redis.info('commandstats');
    const calls: Record<string, number> = {};
    for (const [, command, count] of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
      calls[command] = Number(count);
    }
    return calls;
  }

  /**
   * CLIENT LIST, each client attributed to the process that owns its socket. Redis names a client
   * by its peer address; on one host that is the process' local port, found through
   * /proc/<pid>/fd and /proc/<pid>/net/tcp — no change to the processes needed.
   */
  async connections(processes: readonly WatchedProcess[]): Promise<RedisConnections> {
    const list = (await this.redis.call('CLIENT', 'LIST')) as string;
    const clients = list
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => ({
        port: Number(/ addr=[^ ]*:(\d+) /.exec(` ${line} `)?.[1] ?? NaN),
        name: / name=(\S*)/.exec(line)?.[1] ?? '',
      }));
    const owner = new Map<number, string>();
    for (const p of processes) {
      for (const port of localPortsOf(p.pid, socketInodesByPort(p.pid))) {
        owner.set(port, p.name);
      }
    }
    const result: RedisConnections = {
      by_process: Object.fromEntries(processes.map((p) => [p.name, 0])),
      other: 0,
      by_client_name: {},
    };
    for (const c of clients) {
      const name = owner.get(c.port);
      if (name === undefined) {
        result.other += 1;
      } else {
        result.by_process[name] += 1;
      }
      result.by_client_name[c.name] = (result.by_client_name[c.name] ?? 0) + 1;
    }
    return result;
  }
}
