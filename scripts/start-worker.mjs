// `wrangler dev` without its devtools inspector, for the benchmarks: wrangler's own dev server
// (the same bundling, workerd, local KV and Durable Objects) started through its Node API, which
// can turn the inspector off where the CLI cannot. With the inspector on, wrangler forwards every
// devtools event of the Worker (one per chunk of an upstream fetch) to its Node process as an
// HTTP request and a debug-log write: thousands a second while streaming, on the same two cores
// as the Worker being measured. Production has no inspector.
//
// Usage: node scripts/start-worker.mjs '<json>' with { config, port, persist, vars }; prints
// "ready <url>" when serving and disposes the worker on SIGTERM.
import { unstable_startWorker } from 'wrangler';

const { config, port, persist, vars = {} } = JSON.parse(process.argv[2]);
const worker = await unstable_startWorker({
  config,
  bindings: Object.fromEntries(Object.entries(vars).map(([name, value]) => [name, { type: 'plain_text', value }])),
  dev: { server: { hostname: '127.0.0.1', port }, inspector: false, persist, watch: false, remote: false, logLevel: 'warn' },
});
const url = await worker.url;
console.log(`ready ${url}`);
const stop = async () => {
  await worker.dispose();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
