// HTTP section of `npm run bench`: evaluate requests per second and latency against `wrangler dev`
// (workerd, local KV and Durable Objects), measured with autocannon, beside the same evaluation
// in-process (policy + scanner, no HTTP) so the HTTP overhead is visible. Also the bundle size.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { makePrompts } from './corpus.mjs';
import { GUARDRAIL_10 } from './guardrail-10.mjs';
import { startWranglerDev } from '../scripts/wrangler-dev.mjs';
import { createScanner } from '../dist/scan/node.js';
import { compileGuardrail } from '../dist/policy/compile.js';
import { evaluateText } from '../dist/policy/evaluate.js';
import { parseGuardrailConfig } from '../dist/policy/validate-config.js';

const ADMIN = 'bench-admin-key';
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 8);
const SIZES = [1024, 16 * 1024];
const PROMPTS_PER_SIZE = 40;

/** What `wrangler deploy` would upload, measured offline by its dry run. */
export function bundleSize() {
  const out = mkdtempSync(join(tmpdir(), 'cordon-bundle-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], { stdio: 'pipe', env: { ...process.env, WRANGLER_SEND_METRICS: 'false' } });
    let raw = 0;
    let gzip = 0;
    for (const f of readdirSync(out)) {
      const p = join(out, f);
      if (!statSync(p).isFile() || f.endsWith('.map') || f === 'README.md') continue;
      const bytes = readFileSync(p);
      raw += bytes.byteLength;
      gzip += gzipSync(bytes, { level: 9 }).byteLength;
    }
    return { raw, gzip };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function inProcess(prompts) {
  const g = compileGuardrail('bench', 1, parseGuardrailConfig(GUARDRAIL_10));
  const scanners = new Map();
  const deps = { scannerFor: (spec) => scanners.get(spec.key) ?? scanners.set(spec.key, createScanner(spec.options)).get(spec.key) };
  for (let i = 0; i < 3; i++) for (const p of prompts) await evaluateText(g, p, 'input', deps);
  const samples = [];
  for (let round = 0; round < 5; round++) {
    for (const p of prompts) {
      const t = process.hrtime.bigint();
      await evaluateText(g, p, 'input', deps);
      samples.push(Number(process.hrtime.bigint() - t) / 1000);
    }
  }
  samples.sort((a, b) => a - b);
  const q = (x) => samples[Math.min(samples.length - 1, Math.floor(x * samples.length))];
  return { p50us: q(0.5), p99us: q(0.99) };
}

function load(url, path, prompts, duration) {
  const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
  return cannon({ url, duration, requests: prompts.map((text) => ({ method: 'POST', path, headers, body: JSON.stringify({ text }) })) });
}

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...options }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

export async function httpBench(log = console.error) {
  const lines = [];
  log('- http: bundle size (wrangler deploy --dry-run)');
  const size = bundleSize();
  lines.push(`Worker bundle (wrangler deploy --dry-run): ${(size.raw / 1024).toFixed(0)} KiB, **${(size.gzip / 1024).toFixed(0)} KiB gzipped** (target < 1024 KiB)${size.gzip < 1024 * 1024 ? ' ✅' : ' ❌'}.`);
  log('- http: starting wrangler dev');
  const dev = await startWranglerDev({ inspector: false, memoryState: true, vars: { CORDON_ADMIN_KEY: ADMIN, CORDON_RATE_LIMIT_PER_MINUTE: '1000000000' } });
  try {
    const res = await fetch(`${dev.url}/v1/guardrails`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(GUARDRAIL_10) });
    if (res.status !== 201) throw new Error(`creating the bench guardrail: ${res.status} ${await res.text()}`);
    const { id } = await res.json();
    const path = `/v1/guardrails/${id}/evaluate`;
    lines.push('');
    lines.push(`Evaluate with a 10-filter guardrail (bench/guardrail-10.mjs): autocannon, ${CONNECTIONS} connections, ${DURATION_S} s per size, ${PROMPTS_PER_SIZE} different prompts per size, against \`wrangler dev\` on this machine (client and server share the 2 cores).`);
    lines.push('');
    lines.push('| prompt | HTTP requests/s | HTTP p50 | HTTP p99 | errors | in-process evaluate p50 | in-process p99 | HTTP share of p50 |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    // What wrangler dev and the HTTP stack cost without Cordon's work: a static, unauthenticated route.
    await cannon({ url: `${dev.url}/openapi.json`, duration: 1 });
    const floor = await cannon({ url: `${dev.url}/openapi.json`, duration: DURATION_S });
    lines.push(`| GET /openapi.json (no auth, no evaluation: the local HTTP floor) | ${floor.requests.average.toFixed(0)} | ${floor.latency.p50.toFixed(2)} ms | ${floor.latency.p99.toFixed(2)} ms | ${floor.errors + floor.non2xx} | – | – | – |`);
    for (const size of SIZES) {
      const prompts = makePrompts(PROMPTS_PER_SIZE, size, 4242 + size);
      await load(dev.url, path, prompts, 2); // warm the isolate: compiled guardrail, lazy automaton states
      log(`- http: ${size} B prompts, ${DURATION_S} s`);
      const r = await load(dev.url, path, prompts, DURATION_S);
      const local = await inProcess(prompts);
      const errors = r.errors + r.non2xx;
      const share = 1 - local.p50us / 1000 / r.latency.p50;
      lines.push(
        `| ${size / 1024} KB | ${r.requests.average.toFixed(0)} | ${r.latency.p50.toFixed(2)} ms | ${r.latency.p99.toFixed(2)} ms | ${errors} | ${local.p50us.toFixed(1)} µs | ${local.p99us.toFixed(1)} µs | ${(100 * Math.max(0, share)).toFixed(0)}% |`,
      );
    }
  } finally {
    await dev.stop();
  }
  return lines.join('\n');
}
