import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The application version from package.json, found from the source tree (src/observability) and
 * from the build (dist/src/observability) alike; "unknown" rather than a crash when it is missing.
 */
export function appVersion(): string {
  for (const up of [
    ['..', '..'],
    ['..', '..', '..'],
  ]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, ...up, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'piyasa' && pkg.version) {
        return pkg.version;
      }
    } catch {
      // try the next location
    }
  }
  return 'unknown';
}
