// Prints the gzipped size of what the browser loads before the first screen renders:
// index.html, its entry script, every <link rel="modulepreload"> and stylesheet it names.
// Route chunks (each screen) load later and are listed separately.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]);
const gz = (path) => gzipSync(readFileSync(join(dist, path)), { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

let total = gz('index.html');
console.log(`index.html ${kb(total)}`);
for (const asset of assets) {
  const size = gz(asset);
  total += size;
  console.log(`${asset} ${kb(size)}`);
}
console.log(`INITIAL LOAD (gzip): ${kb(total)}`);

const routeChunks = readdirSync(join(dist, 'assets')).filter((f) => /View-.*\.js$/.test(f));
for (const chunk of routeChunks) {
  console.log(`  route chunk ${chunk} ${kb(gz(`assets/${chunk}`))}`);
}
