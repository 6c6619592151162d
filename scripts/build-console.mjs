// Builds the console (src/console) into build/assets/console, which wrangler serves as static
// assets at /console/. One minified bundle, no external CDN: the network may be closed.
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const out = 'build/assets/console';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/console/main.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  outfile: `${out}/app.js`,
  logLevel: 'warning',
});
copyFileSync('src/console/index.html', `${out}/index.html`);
copyFileSync('src/console/app.css', `${out}/app.css`);
const js = readFileSync(`${out}/app.js`);
console.log(`console: ${out}/app.js ${(js.byteLength / 1024).toFixed(1)} KiB, ${(gzipSync(js).byteLength / 1024).toFixed(1)} KiB gzipped`);
