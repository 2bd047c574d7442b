import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { log } from './report';

const ROOT = join(__dirname, '..', '..');
/** What `npm run build` compiles (tsconfig.build.json's include). */
const SOURCES = ['src', 'migrations', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json'];

function newestMtimeMs(path: string): number {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) {
    return 0;
  }
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtimeMs(join(path, name))),
    stat.mtimeMs,
  );
}

/**
 * Builds dist/ (`npm run build`) when it is missing or older than any source, so that the
 * benchmark measures the compiled code production runs, not ts-node's. tsc rewrites every output,
 * so the entry points' age tells whether the build predates a source change.
 */
export function ensureProductionBuild(): void {
  const built = Math.min(
    ...['dist/src/worker.js', 'dist/src/main.js'].map(
      (entry) => statSync(join(ROOT, entry), { throwIfNoEntry: false })?.mtimeMs ?? 0,
    ),
  );
  const changed = Math.max(...SOURCES.map((source) => newestMtimeMs(join(ROOT, source))));
  if (built >= changed) {
    return;
  }
  log(built === 0 ? 'no dist/: npm run build' : 'dist/ older than src/: npm run build');
  const started = Date.now();
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  log(`built in ${Date.now() - started} ms`);
}

/**
 * The node arguments of a package.json start script (`start:worker`, `start:api`), so that the
 * benchmark starts each process exactly as production does (heap cap included): one place says
 * how, and a change there reaches the figures.
 */
export function productionNodeArgs(script: 'start:worker' | 'start:api'): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string | undefined>;
  };
  const [command, ...args] = (pkg.scripts[script] ?? '').trim().split(/\s+/);
  if (command !== 'node' || args.length === 0) {
    throw new Error(
      `package.json "${script}" must be "node [flags] <entry.js>" for the benchmark to start it; it is "${pkg.scripts[script] ?? ''}"`,
    );
  }
  return args;
}
