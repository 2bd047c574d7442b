import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the built dashboard is: dashboard/dist at the repository root, seen from the compiled
 * (dist/src/…) or the source (src/…) location of this module. Null when it was not built.
 */
export function dashboardDistDir(): string | null {
  const candidates = [
    join(__dirname, '..', '..', '..', 'dashboard', 'dist'),
    join(__dirname, '..', '..', '..', '..', 'dashboard', 'dist'),
  ];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}
