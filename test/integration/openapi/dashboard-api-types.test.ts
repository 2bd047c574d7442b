import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { ApiHarness } from '../../support/api-harness';

const ROOT = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

/**
 * The dashboard's committed API types (dashboard/src/api/schema.d.ts) are generated from this
 * API's OpenAPI document; a DTO change without `npm run --workspace dashboard api:types` fails
 * here, before the dashboard and the API drift apart.
 */
describe('dashboard API types', () => {
  it('match the OpenAPI document of the current backend', async () => {
    const result = await run(
      process.execPath,
      [join('dashboard', 'scripts', 'api-types.mjs'), '--check'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    ).catch((error: { stdout?: string; stderr?: string }) => error);
    expect(`${result.stderr ?? ''}${result.stdout ?? ''}`).toContain(
      'schema.d.ts matches the API OpenAPI document',
    );
  });

  it('are generated from the same document the running API serves at /docs-json', async () => {
    // The generator builds the document without a database (Nest preview mode); it must not
    // differ from what the fully started API serves.
    const api = await ApiHarness.start('openapi_preview');
    try {
      const served = (await request(api.url).get('/docs-json').expect(200)).body as unknown;
      const { stdout } = await run(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', join('scripts', 'openapi-document.ts')],
        { cwd: ROOT, env: { ...process.env, TS_NODE_SWC: 'true' }, maxBuffer: 64 * 1024 * 1024 },
      );
      expect(JSON.parse(stdout)).toEqual(served);
    } finally {
      await api.stop();
    }
  });
});
