import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export type Cell = string | number | null | undefined;

function text(cell: Cell): string {
  if (cell === null || cell === undefined || (typeof cell === 'number' && Number.isNaN(cell))) {
    return '–';
  }
  return String(cell);
}

/** A plain-text table: first column left-aligned, the others right-aligned (numbers). */
export function formatTable(header: readonly string[], rows: readonly Cell[][]): string {
  const cells = rows.map((row) => row.map(text));
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: readonly string[]): string =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly Cell[][],
): void {
  process.stdout.write(`\n${title}\n\n${formatTable(header, rows)}\n\n`);
}

/** What a result file says about the machine: figures from a loaded machine are not capacity. */
export function machineContext(): { cpus: number; load_average: string; node: string } {
  let load = '';
  try {
    load = readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    load = 'unknown';
  }
  return { cpus: cpus().length, load_average: load, node: process.version };
}

/** Writes bench/results/<scenario>-<timestamp>.json (git-ignored) and returns its path. */
export function writeResult(scenario: string, result: unknown): string {
  const dir = join(__dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${scenario}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
