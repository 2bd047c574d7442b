// Generates src/api/schema.d.ts from the API's OpenAPI document.
//   npm run gen:api                         # from a running API: http://127.0.0.1:8000/docs-json
//   npm run gen:api -- ./openapi.json       # from a file
//   PIYASA_OPENAPI=http://host/docs-json npm run gen:api
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const source = process.argv[2] ?? process.env.PIYASA_OPENAPI ?? 'http://127.0.0.1:8000/docs-json';
const root = fileURLToPath(new URL('..', import.meta.url));
const result = spawnSync(
  'npx',
  ['--no-install', 'openapi-typescript', source, '--output', 'src/api/schema.d.ts'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (result.status !== 0) {
  console.error(
    `gen:api failed for ${source}: is the API running (npm run start:dev at the repo root) or the path right?`,
  );
}
process.exit(result.status ?? 1);
