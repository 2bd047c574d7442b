import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { round } from './stats';

/** A process of the system under test, by the name the tables show. */
export interface WatchedProcess {
  name: string;
  pid: number;
}

/**
 * Several processes counted as one (the PostgreSQL backends of a database): CPU is summed; RSS is
 * left out, because their shared memory would be counted once per process.
 */
export interface ProcessGroup {
  name: string;
  pids: readonly number[];
}

export interface ProcessUsage {
  name: string;
  pids: number[];
  /** CPU time over the window as a share of one core (100 = one core busy the whole time). */
  cpu_percent: number | null;
  cpu_seconds: number | null;
  rss_mb_max: number | null;
  rss_mb_last: number | null;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux almost everywhere). */
const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime + stime of a process, in seconds; null once it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of proc(5) are the 12th and 13th after the name.
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid` (the API's children when it runs API_PROCESSES > 1). */
export function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        // ppid is the 2nd field after the command name.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** utime + stime of a process and its children, in seconds (a supervisor and its workers). */
export function treeCpuSeconds(pid: number): number {
  return [pid, ...childPids(pid)].reduce((sum, p) => sum + (cpuSeconds(p) ?? 0), 0);
}

/** Resident set size in MB (VmRSS of /proc/<pid>/status); null once the process is gone. */
export function rssMb(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/**
 * CPU and memory of each process over a measurement window, read from /proc: CPU as the
 * difference of utime + stime between start() and stop() (exact, not sampled), RSS sampled every
 * `intervalMs` (maximum and last value). Linux only.
 */
export class ProcessSampler {
  private startedAt = 0;
  private readonly cpuAtStart = new Map<number, number | null>();
  private readonly rss = new Map<number, number[]>();
  private readonly groups: ProcessGroup[];
  private timer?: NodeJS.Timeout;

  constructor(
    processes: readonly (WatchedProcess | ProcessGroup)[],
    private readonly intervalMs = 1000,
  ) {
    this.groups = processes.map((p) => ('pids' in p ? p : { name: p.name, pids: [p.pid] }));
  }

  start(): void {
    this.startedAt = performance.now();
    for (const pid of this.groups.flatMap((g) => g.pids)) {
      this.cpuAtStart.set(pid, cpuSeconds(pid));
      this.rss.set(pid, []);
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): ProcessUsage[] {
    clearInterval(this.timer);
    this.sample();
    const elapsed = (performance.now() - this.startedAt) / 1000;
    return this.groups.map((g) => {
      // Processes that ended during the window are left out of the sum.
      const deltas = g.pids.flatMap((pid) => {
        const before = this.cpuAtStart.get(pid) ?? null;
        const after = cpuSeconds(pid);
        return before === null || after === null ? [] : [after - before];
      });
      const used = deltas.length ? deltas.reduce((a, b) => a + b, 0) : null;
      const rss = g.pids.length === 1 ? (this.rss.get(g.pids[0]) ?? []) : [];
      return {
        name: g.name,
        pids: [...g.pids],
        cpu_percent: used === null || elapsed <= 0 ? null : round((used / elapsed) * 100),
        cpu_seconds: used === null ? null : round(used, 2),
        rss_mb_max: rss.length ? Math.max(...rss) : null,
        rss_mb_last: rss.length ? rss[rss.length - 1] : null,
      };
    });
  }

  private sample(): void {
    for (const g of this.groups.filter((group) => group.pids.length === 1)) {
      const mb = rssMb(g.pids[0]);
      if (mb !== null) {
        this.rss.get(g.pids[0])?.push(mb);
      }
    }
  }
}
