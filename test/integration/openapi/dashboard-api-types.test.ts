import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * The dashboard's committed API types (dashboard/src/api/schema.d.ts) are generated from this
 * API's OpenAPI document; a DTO change without `npm run --workspace dashboard api:types` fails
 * here, before the dashboard and the API drift apart.
 */
describe('dashboard API types', () => {
  it('match the OpenAPI document of the current backend', async () => {
    const run = promisify(execFile);
    const result = await run(
      process.execPath,
      [join('dashboard', 'scripts', 'api-types.mjs'), '--check'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string }) => error);
    expect(`${result.stderr ?? ''}${result.stdout ?? ''}`).toContain(
      'schema.d.ts matches the API OpenAPI document',
    );
  });
});
