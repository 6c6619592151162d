// Observability section of `npm run bench`: what metrics, the audit trail and webhooks cost an
// evaluation, and how many evaluations per second one guardrail's metrics absorb, against three
// `wrangler dev` instances on this machine: two with CORDON_OBSERVE_EVALUATIONS=false (off), one
// with everything on (metrics, ledger, audit of every BLOCK/REDACT, webhooks to a local receiver).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { makePrompts, rng } from './corpus.mjs';
import { GUARDRAIL_10 } from './guardrail-10.mjs';
import { startWranglerDev } from '../scripts/wrangler-dev.mjs';

const ADMIN = 'bench-admin-key';
const ROUNDS = Number(process.env.BENCH_OBSERVE_ROUNDS ?? 10);
const REQUESTS_PER_ROUND = Number(process.env.BENCH_OBSERVE_REQUESTS ?? 300);
const SUSTAIN_S = Number(process.env.BENCH_OBSERVE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_HTTP_CONNECTIONS ?? 8);
const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

/**
 * The webhook receiver, in a child process: in this one, its hundreds of deliveries a second
 * would compete with the client whose latency is being measured.
 */
async function receiver() {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./lib/webhook-receiver.mjs', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`the webhook receiver exited (${code})`)));
  });
  const received = () =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send('count');
    });
  return { url: `http://127.0.0.1:${port}/hook`, received, close: () => new Promise((r) => (child.once('exit', r), child.kill())) };
}

async function prepare(dev, hookUrl) {
  const g = await fetch(`${dev.url}/v1/guardrails`, { method: 'POST', headers, body: JSON.stringify(GUARDRAIL_10) });
  if (g.status !== 201) throw new Error(`creating the bench guardrail: ${g.status} ${await g.text()}`);
  if (process.env.BENCH_OBSERVE_NO_WEBHOOK) return (await g.json()).id;
  const h = await fetch(`${dev.url}/v1/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url: hookUrl, events: ['evaluation.blocked', 'evaluation.redacted'] }) });
  if (h.status !== 201) throw new Error(`creating the bench webhook: ${h.status} ${await h.text()}`);
  return (await g.json()).id;
}

/** One request, timed by the client. */
async function timedEvaluate(url, id, text) {
  const t = process.hrtime.bigint();
  const res = await fetch(`${url}/v1/guardrails/${id}/evaluate`, { method: 'POST', headers, body: JSON.stringify({ text }) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`evaluate answered ${res.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

const q = (sorted, x) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))];

/**
 * A 90% bootstrap interval of the relative difference of quantile x between two samples: how far
 * the figure itself moves when the same requests are drawn again, so a reader can tell a real
 * difference from the spread of a tail measured on a shared machine.
 */
function bootstrapDiff(on, off, x, draws = 400) {
  const random = rng(42);
  const resample = (v) => Array.from({ length: v.length }, () => v[random.int(v.length)]).sort((a, b) => a - b);
  const diffs = [];
  for (let d = 0; d < draws; d++) diffs.push(q(resample(on), x) / q(resample(off), x) - 1);
  diffs.sort((a, b) => a - b);
  return [q(diffs, 0.05), q(diffs, 0.95)];
}

async function counted(url, id) {
  const res = await fetch(`${url}/v1/guardrails/${id}/metrics?interval=PT1H`, { headers });
  return (await res.json()).totals.requests;
}

export async function observeBench(log = console.error) {
  const hook = await receiver();
  const vars = { CORDON_ADMIN_KEY: ADMIN, CORDON_RATE_LIMIT_PER_MINUTE: '1000000000', CORDON_ALLOW_PRIVATE_NETWORK: 'true' };
  // Two instances with observation off and one with it on, started off, on, off: the two "off"
  // instances are pooled (what sets one instance apart from another averages out) and compared
  // with each other, which shows how far two identical instances differ on this machine.
  log('- observe: starting three wrangler dev instances (observation off / on / off)');
  const offVars = { ...vars, CORDON_OBSERVE_EVALUATIONS: 'false' };
  const instances = [];
  for (const [name, instanceVars] of [['off1', offVars], ['on', vars], ['off2', offVars]]) {
    instances.push({ name, dev: await startWranglerDev({ inspector: false, memoryState: true, vars: instanceVars }) });
  }
  const on = instances[1].dev;
  const lines = [];
  try {
    const prompts = makePrompts(200, 1024, 9001);
    for (const instance of instances) instance.id = await prepare(instance.dev, hook.url);
    // Warm every isolate (compiled guardrail, lazy automaton states, Durable Objects created).
    for (let i = 0; i < 100; i++) for (const { dev, id } of instances) await timedEvaluate(dev.url, id, prompts[i % prompts.length]);
    const samples = Object.fromEntries(instances.map((x) => [x.name, []]));
    // One request at a time, going round the instances request by request (who goes first turns
    // each round), so background load on a shared machine falls on all alike.
    for (let round = 0; round < ROUNDS; round++) {
      log(`- observe: latency round ${round + 1}/${ROUNDS}`);
      const order = instances.map((_, k) => instances[(k + round) % instances.length]);
      for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
        const text = prompts[(round * REQUESTS_PER_ROUND + i) % prompts.length];
        for (const { name, dev, id } of order) samples[name].push(await timedEvaluate(dev.url, id, text));
      }
    }
    samples.off = [...samples.off1, ...samples.off2];
    const sorted = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
    const stats = Object.fromEntries(Object.entries(sorted).map(([k, s]) => [k, { n: s.length, p50: q(s, 0.5), p99: q(s, 0.99) }]));
    const rel = (a, b) => a / b - 1;
    const pct = (x) => `${(x * 100).toFixed(1)}%`;
    const verdictMix = await (await fetch(`${on.url}/v1/guardrails/${instances[1].id}/metrics?interval=P1D`, { headers })).json();
    lines.push(`Evaluate latency seen by a client sending one request at a time (1 KB prompts, the 10-filter guardrail; ${ROUNDS * REQUESTS_PER_ROUND} requests per instance, going round three instances request by request). Verdict mix of the "on" instance: ${JSON.stringify(verdictMix.totals.verdicts)}; every BLOCK/REDACT is audited and sent to a webhook receiver on 127.0.0.1.`);
    lines.push('');
    lines.push('| observation | requests | p50 | p99 |');
    lines.push('|---|---:|---:|---:|');
    lines.push(`| off (CORDON_OBSERVE_EVALUATIONS=false; two instances pooled) | ${stats.off.n} | ${stats.off.p50.toFixed(2)} ms | ${stats.off.p99.toFixed(2)} ms |`);
    lines.push(`| on (metrics, ledger, audit, webhooks) | ${stats.on.n} | ${stats.on.p50.toFixed(2)} ms | ${stats.on.p99.toFixed(2)} ms |`);
    if (process.env.BENCH_OBSERVE_DEBUG) for (const x of [0.5, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999]) log(`  q${x}: ${Object.entries(sorted).map(([k, s]) => `${k} ${q(s, x).toFixed(2)}`).join(' ')}`);
    const [p50Low, p50High] = bootstrapDiff(samples.on, samples.off, 0.5);
    const [p99Low, p99High] = bootstrapDiff(samples.on, samples.off, 0.99);
    const range = (low, high) => `${pct(low)} to ${pct(high)}`;
    const p50Diff = rel(stats.on.p50, stats.off.p50);
    const p99Diff = rel(stats.on.p99, stats.off.p99);
    const nullP50 = rel(stats.off2.p50, stats.off1.p50);
    const nullP99 = rel(stats.off2.p99, stats.off1.p99);
    // p50: "no measurable difference" when the interval reaches zero or the difference is no
    // larger than the one between the two identical instances; p99: the point estimate.
    const p50Verdict = p50Low <= 0 || Math.abs(p50Diff) <= Math.abs(nullP50) ? ' ✅' : ' ❌';
    const p99Verdict = p99Diff < 0.1 ? ' ✅' : ' ❌';
    lines.push(`| difference, on vs off (target: none measurable at p50, under 10% at p99) | | ${pct(p50Diff)}${p50Verdict} | ${pct(p99Diff)}${p99Verdict} |`);
    lines.push(`| 90% bootstrap interval of the difference | | ${range(p50Low, p50High)} | ${range(p99Low, p99High)} |`);
    lines.push(`| for scale: the two "off" instances, one vs the other (the same configuration twice) | | ${pct(nullP50)} | ${pct(nullP99)} |`);
    lines.push('');
    lines.push('All three instances run wrangler\'s dev server without its devtools inspector and with local storage in memory (scripts/start-worker.mjs and scripts/wrangler-dev.mjs say why); the webhook receiver runs in a process of its own. Locally every Durable Object runs on the same thread as the gateway, so the metrics, ledger, audit and webhook work of the "on" instance (a batch of rows written a slice at a time, and one outbound request per BLOCK/REDACT here) competes with its requests, which it does not do in production. The interval shows how far the same requests, drawn again, move the figure; the last row, how far two identical instances differ, so a p50 difference no larger than that is not one this machine can measure.');
    lines.push('');

    log(`- observe: sustained load on one guardrail, ${SUSTAIN_S} s, ${CONNECTIONS} connections`);
    const fresh = await prepare(on, hook.url);
    const before = await counted(on.url, fresh);
    const result = await new Promise((resolve, reject) =>
      autocannon(
        {
          url: on.url,
          connections: CONNECTIONS,
          duration: SUSTAIN_S,
          requests: prompts.slice(0, 50).map((text) => ({ method: 'POST', path: `/v1/guardrails/${fresh}/evaluate`, headers, body: JSON.stringify({ text }) })),
        },
        (err, r) => (err ? reject(err) : resolve(r)),
      ),
    );
    const sent = result['2xx'];
    const deadline = Date.now() + 30_000;
    let seen = before;
    while (Date.now() < deadline) {
      seen = await counted(on.url, fresh);
      if (seen - before >= sent) {
        // Requests still in flight when the client stopped are counted too: wait for the last batch.
        await new Promise((r) => setTimeout(r, 1500));
        seen = await counted(on.url, fresh);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const absorbed = seen - before;
    lines.push(`Sustained: ${sent} evaluations answered 200 in ${SUSTAIN_S} s (${(sent / SUSTAIN_S).toFixed(0)}/s, ${CONNECTIONS} connections, p99 ${result.latency.p99} ms); the guardrail's metrics counted **${absorbed}** evaluations (${absorbed >= sent ? `none lost; ${absorbed - sent} more were answered after the client stopped counting` : `${sent - absorbed} missing`}), i.e. one guardrail's metrics absorbed **${(absorbed / SUSTAIN_S).toFixed(0)} evaluations/s**, everything this local Worker answered (the metrics path sees one batched request per isolate flush: 200 evaluations or 1 s). Webhook deliveries received so far: ${await hook.received()}.`);
  } finally {
    await Promise.all(instances.map((x) => x.dev.stop()));
    await hook.close();
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  observeBench().then((md) => console.log(md), (err) => {
    console.error(err);
    process.exit(1);
  });
}
