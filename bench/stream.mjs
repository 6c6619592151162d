// Streaming section of `npm run bench`: tokens per second through the chat proxy and the
// inspection stream on `wrangler dev`, the latency the proxy adds per character against reading
// the same mock upstream directly, and how many characters the inspector holds back.
import { startWranglerDev } from '../scripts/wrangler-dev.mjs';
import { createScanner } from '../dist/scan/node.js';
import { makePrompts } from './corpus.mjs';
import { chunkText, startBenchModel } from './lib/mock-model.mjs';

const ADMIN = 'bench-admin-key';
const ANSWERS = Number(process.env.BENCH_STREAM_ANSWERS ?? 20);
const ANSWER_BYTES = Number(process.env.BENCH_STREAM_BYTES ?? 4096);
const HOLDBACK_CAP = 16 * 1024;
/**
 * Added latency is measured against a model that paces its chunks (one every PACE_MS: 500 chunks
 * a second, several times what hosted models stream); a flooding model measures throughput
 * instead, where time queued behind earlier chunks would count as latency.
 */
const PACE_MS = Number(process.env.BENCH_STREAM_PACE_MS ?? 2);
/**
 * The p99 is decided by a handful of runtime stalls of 10–40 ms, which hit every path alike but at
 * random moments: with 20 answers (about 20,000 characters) the verdict flipped between runs of the
 * same code; 40 answers halve how many characters one stall weighs in the tail.
 */
const LATENCY_ANSWERS = Number(process.env.BENCH_STREAM_LATENCY_ANSWERS ?? 40);
const LATENCY_BYTES = 1024;
const BENCH_ENTITIES = ['EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS', 'AWS_ACCESS_KEY', 'GITHUB_TOKEN'];

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const sortNum = (xs) => [...xs].sort((a, b) => a - b);

/** Reads an SSE body, calling `onData(payload, ms since start)` per data line. */
async function readSse(res, started, onData) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    const at = performance.now() - started;
    buffer += decoder.decode(value, { stream: true });
    let i;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      for (const line of event.split('\n')) if (line.startsWith('data: ')) onData(line.slice(6), at);
    }
  }
}

/** Arrival time (ms from the request) of every answer character, and chunks received. */
async function chatArrivals(url, headers, text, seed) {
  const started = performance.now();
  const res = await fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ model: 'bench-1', stream: true, seed, messages: [{ role: 'user', content: text }] }),
  });
  if (!res.ok) throw new Error(`chat answered ${res.status}: ${await res.text()}`);
  const times = [];
  let chunks = 0;
  let answer = '';
  await readSse(res, started, (data, at) => {
    if (data === '[DONE]') return;
    const piece = JSON.parse(data).choices?.[0]?.delta?.content ?? '';
    if (piece === '') return;
    chunks++;
    answer += piece;
    for (let k = 0; k < piece.length; k++) times.push(at);
  });
  return { times, started, chunks, answer, totalMs: performance.now() - started };
}

async function inspectionRun(url, id, tokens) {
  const started = performance.now();
  const res = await fetch(`${url}/v1/guardrails/${id}/stream`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/x-ndjson' },
    body: tokens.map((t) => JSON.stringify({ token: t })).join('\n'),
  });
  let events = 0;
  await readSse(res, started, () => events++);
  return { events, ms: performance.now() - started };
}

/**
 * In-process, the same entities and chunking: what inspecting costs per token (the part of the
 * added latency that is Cordon's work) and the characters held back after each token.
 */
function inspectorCosts(texts) {
  const scanner = createScanner({ entities: BENCH_ENTITIES });
  const held = [];
  const micros = [];
  for (let round = 0; round < 2; round++) {
    held.length = 0;
    micros.length = 0;
    texts.forEach((text, i) => {
      const s = scanner.stream();
      for (const token of chunkText(text, i + 1)) {
        const t = process.hrtime.bigint();
        s.push(token);
        micros.push(Number(process.hrtime.bigint() - t) / 1000);
        held.push(s.heldChars);
      }
      s.end();
    });
  }
  return { held: sortNum(held), micros: sortNum(micros) };
}

/** For each character of `text`, the index of the chunk that carries it. */
function chunkIndexOfChars(text, seed) {
  return chunkText(text, seed).flatMap((piece, j) => Array(piece.length).fill(j));
}

/** For each character of `text`, the index of the chunk whose push released it (the stream inspector let it go). */
function releaseChunks(text, seed) {
  const stream = createScanner({ entities: BENCH_ENTITIES }).stream();
  const pieces = chunkText(text, seed);
  const out = [];
  pieces.forEach((piece, j) => {
    for (let n = stream.push(piece).text.length; n > 0; n--) out.push(j);
  });
  for (let n = stream.end().text.length; n > 0; n--) out.push(pieces.length - 1);
  return out;
}

export async function streamBench(log = console.error) {
  const texts = makePrompts(ANSWERS, ANSWER_BYTES, 777);
  // Answers with their values removed: left unchanged by the guardrail, so characters line up
  // one to one with the direct stream and their arrival times can be compared.
  const remover = createScanner({ entities: BENCH_ENTITIES });
  const model = await startBenchModel();
  const paced = await startBenchModel({ intervalMs: PACE_MS });
  const latencyTexts = makePrompts(LATENCY_ANSWERS, LATENCY_BYTES, 778).map((t) => remover.redact(t, { mode: 'remove' }).text);
  log('- stream: starting wrangler dev');
  // Observation is off here: locally its Durable Objects share the Worker's thread, and what it
  // costs is the observe section's subject; this section measures the streaming path alone.
  const dev = await startWranglerDev({ inspector: false, memoryState: true, vars: { CORDON_ADMIN_KEY: ADMIN, CORDON_RATE_LIMIT_PER_MINUTE: '1000000000', CORDON_ALLOW_PRIVATE_NETWORK: 'true', CORDON_OBSERVE_EVALUATIONS: 'false' } });
  const lines = [];
  try {
    const config = {
      name: 'stream bench',
      upstream: { baseUrl: `${model.url}/v1` },
      filters: [
        { type: 'pii', action: 'redact', direction: 'output', entities: ['EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS'] },
        { type: 'secrets', action: 'redact', direction: 'output', entities: ['AWS_ACCESS_KEY', 'GITHUB_TOKEN'] },
      ],
    };
    const created = await fetch(`${dev.url}/v1/guardrails`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(config) });
    if (created.status !== 201) throw new Error(`creating the stream guardrail: ${created.status} ${await created.text()}`);
    const { id } = await created.json();
    const viaCordon = { authorization: `Bearer ${ADMIN}`, 'x-cordon-guardrail': id };
    // Warm both paths: isolate, compiled guardrail, lazily built automaton states.
    for (const t of texts.slice(0, 3)) {
      await chatArrivals(dev.url, viaCordon, t, 1);
      await chatArrivals(model.url, {}, t, 1);
    }
    const added = [];
    // The part of it that is not holding back: arrival through Cordon minus the moment the chunk
    // that released the character arrived straight from the mock (the release point is replayed
    // in-process by the same engine with the same entities and chunking).
    const overhead = [];
    let directChunks = 0;
    let directMs = 0;
    let proxyChunks = 0;
    let proxyMs = 0;
    const gaps = [];
    let compared = 0;
    log(`- stream: ${ANSWERS} answers of ${ANSWER_BYTES} B, direct and through the proxy`);
    for (const [i, text] of texts.entries()) {
      const direct = await chatArrivals(model.url, {}, text, i + 1);
      const proxied = await chatArrivals(dev.url, viaCordon, text, i + 1);
      directChunks += direct.chunks;
      directMs += direct.totalMs;
      proxyChunks += chunkText(text, i + 1).length;
      proxyMs += proxied.totalMs;
      for (let k = 1; k < proxied.times.length; k++) gaps.push(proxied.times[k] - proxied.times[k - 1]);
    }
    // Latency: the same guardrail in front of the paced model, answers it leaves unchanged.
    const pacedCreated = await fetch(`${dev.url}/v1/guardrails`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ ...config, name: 'stream bench (paced)', upstream: { baseUrl: `${paced.url}/v1` } }) });
    const viaPaced = { authorization: `Bearer ${ADMIN}`, 'x-cordon-guardrail': (await pacedCreated.json()).id };
    // The same proxy with nothing to inspect: what the HTTP path alone (wrangler dev, workerd, SSE
    // parsing and writing) adds, the floor under the guarded row.
    const bareCreated = await fetch(`${dev.url}/v1/guardrails`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'stream bench (no filters)', upstream: { baseUrl: `${paced.url}/v1` } }) });
    const viaBare = { authorization: `Bearer ${ADMIN}`, 'x-cordon-guardrail': (await bareCreated.json()).id };
    const bare = [];
    // And a plain Worker that pipes the same upstream on the same runtime: no Cordon at all.
    const pipe = await startWranglerDev({ inspector: false, memoryState: true, config: 'bench/pipe/wrangler.toml', readyPath: '/ready', vars: { UPSTREAM: paced.url } });
    const piped = [];
    const relayed = [];
    // Steady state: each path has seen these answers once (an isolate's automaton builds its
    // states lazily as text visits them; the first pass over new text is a cold-start cost).
    for (const [i, text] of latencyTexts.entries()) {
      await chatArrivals(dev.url, viaPaced, text, i + 1);
      await chatArrivals(dev.url, viaBare, text, i + 1);
      await chatArrivals(pipe.url, {}, text, i + 1);
      await chatArrivals(pipe.url, { 'x-relay': 'js' }, text, i + 1);
    }
    /**
     * One paced answer through `url`: pushes into `into` each character's arrival minus the moment
     * the mock wrote the chunk carrying it (mock and client share this process's clock); returns
     * the worst of them.
     */
    const delaysInto = async (into, url, headers, text, seed, chunkOf) => {
      const run = await chatArrivals(url, headers, text, seed);
      const sent = paced.sent.get(seed);
      let worst = 0;
      for (let k = 0; k < text.length; k++) {
        const d = run.times[k] - (sent[chunkOf[k]] - run.started);
        into.push(d);
        worst = Math.max(worst, d);
      }
      return worst;
    };
    log(`- stream: added latency, ${LATENCY_ANSWERS} answers paced at one chunk per ${PACE_MS} ms`);
    for (const [i, text] of latencyTexts.entries()) {
      const proxiedClean = await chatArrivals(dev.url, viaPaced, text, i + 1);
      if (proxiedClean.answer !== text) continue;
      compared++;
      // The mock runs in this process: its write times and the client's read times share a clock.
      const sentAt = paced.sent.get(i + 1).map((t) => t - proxiedClean.started);
      const chunkOf = chunkIndexOfChars(text, i + 1);
      const released = releaseChunks(text, i + 1);
      let worst = 0;
      let worstAt = 0;
      for (let k = 0; k < text.length; k++) {
        added.push(proxiedClean.times[k] - sentAt[chunkOf[k]]);
        const o = proxiedClean.times[k] - sentAt[released[k]];
        overhead.push(o);
        if (o > worst) (worst = o), (worstAt = k);
      }
      if (process.env.BENCH_STREAM_DEBUG) log(`  answer ${i}: worst ${worst.toFixed(1)} ms at char ${worstAt} of ${text.length} (chunk ${chunkOf[worstAt]}, released by ${released[worstAt]}); ${JSON.stringify(text.slice(Math.max(0, worstAt - 30), worstAt + 10))}`);
      const bareWorst = await delaysInto(bare, dev.url, viaBare, text, i + 1, chunkOf);
      const relayWorst = await delaysInto(relayed, pipe.url, { 'x-relay': 'js' }, text, i + 1, chunkOf);
      const pipeWorst = await delaysInto(piped, pipe.url, {}, text, i + 1, chunkOf);
      if (process.env.BENCH_STREAM_DEBUG) log(`  answer ${i}: worst without filters ${bareWorst.toFixed(1)} ms, through the JavaScript relay ${relayWorst.toFixed(1)} ms, through the pipe ${pipeWorst.toFixed(1)} ms`);
    }
    const stallMs = Math.max(...gaps);
    const sortedGaps = sortNum(gaps);
    const sortedAdded = sortNum(added);
    const sortedOverhead = sortNum(overhead);
    const ms = (sorted) => (q) => (quantile(sorted, q) ?? NaN).toFixed(3);
    const o = ms(sortedOverhead);
    await pipe.stop();
    const sortedPiped = sortNum(piped);
    const w = ms(sortedPiped);
    const addedOverPipe = (q) => quantile(sortedOverhead, q) - quantile(sortedPiped, q);
    const sortedRelayed = sortNum(relayed);
    const r = ms(sortedRelayed);
    const addedOverRelay = (q) => quantile(sortedOverhead, q) - quantile(sortedRelayed, q);
    const sortedBare = sortNum(bare);
    const b = ms(sortedBare);
    const tokens = texts.flatMap((t, i) => chunkText(t, i + 1));
    await inspectionRun(dev.url, id, tokens.slice(0, 200));
    log('- stream: inspection stream');
    const insp = await inspectionRun(dev.url, id, tokens);
    const { held, micros } = inspectorCosts(texts);
    const p = ms(sortedAdded);
    lines.push(`Mock upstream on 127.0.0.1 streaming ${ANSWERS} answers of ${ANSWER_BYTES} B (the bench corpus, PII included) in 1–3 character chunks, read directly and through \`POST /v1/chat/completions\` on \`wrangler dev\` with a 7-entity output guardrail; client, proxy and model share this machine's cores.`);
    lines.push('');
    lines.push('| path | tokens/s | added per character, holdback included: p50 / p99 | added once released (the target): p50 / p99 | longest gap between chunks |');
    lines.push('|---|---:|---:|---:|---:|');
    lines.push(`| mock upstream, direct | ${(directChunks / (directMs / 1000)).toFixed(0)} | – | – | – |`);
    lines.push(`| chat proxy (wrangler dev) | ${(proxyChunks / (proxyMs / 1000)).toFixed(0)} | ${p(0.5)} / ${p(0.99)} ms | ${o(0.5)} / ${o(0.99)} ms | ${stallMs.toFixed(1)} ms (p99 ${quantile(sortedGaps, 0.99).toFixed(2)} ms) |`);
    lines.push(`| chat proxy, guardrail without filters | – | ${b(0.5)} / ${b(0.99)} ms | ${b(0.5)} / ${b(0.99)} ms | – |`);
    lines.push(`| plain Worker piping the same upstream (no Cordon; the baseline) | – | ${w(0.5)} / ${w(0.99)} ms | ${w(0.5)} / ${w(0.99)} ms | – |`);
    lines.push(`| plain Worker relaying the same bytes through JavaScript (no Cordon, nothing parsed) | – | ${r(0.5)} / ${r(0.99)} ms | ${r(0.5)} / ${r(0.99)} ms | – |`);
    // When the pipe's own tail is far above the target, stalls of the runtime (shared by both
    // paths, at different moments) decide both p99s and their difference says nothing.
    const tailVerdict = quantile(sortedPiped, 0.99) > 5 ? ` (not measurable here: the pipe's own p99 is ${w(0.99)} ms)` : addedOverPipe(0.99) < 1 ? ' ✅' : ' ❌';
    lines.push(`| **added by Cordon over the pipe** (once released, minus the pipe, per percentile; target p99 < 1 ms) | – | – | **${addedOverPipe(0.5).toFixed(3)} / ${addedOverPipe(0.99).toFixed(3)} ms**${tailVerdict} | – |`);
    lines.push(`| added by Cordon over the JavaScript relay (what is Cordon's own, beyond what the runtime charges any inspecting Worker) | – | – | ${addedOverRelay(0.5).toFixed(3)} / ${addedOverRelay(0.99).toFixed(3)} ms | – |`);
    lines.push(`| inspection stream (NDJSON in, SSE out, a sealed resume token per token) | ${(tokens.length / (insp.ms / 1000)).toFixed(0)} | – | – | – |`);
    lines.push(`| stream inspector alone, in-process (Cordon's own work per token) | ${(micros.length / (micros.reduce((a, b) => a + b, 0) / 1e6)).toFixed(0)} | – | ${(quantile(micros, 0.5) / 1000).toFixed(4)} / ${(quantile(micros, 0.99) / 1000).toFixed(4)} ms per token${quantile(micros, 0.99) < 1000 ? ' ✅' : ' ❌'} | max ${(micros.at(-1) / 1000).toFixed(2)} ms |`);
    lines.push('');
    lines.push(`Tokens/s: the mock floods its chunks (each written as soon as the previous one was), so the proxy row is the most it carries here. Added latency is measured against the mock pacing one chunk every ${PACE_MS} ms (${Math.round(1000 / PACE_MS)} chunks/s, several times what hosted models stream), per character of ${compared} answers of ${LATENCY_BYTES} B with their values removed (so the guardrail leaves them unchanged and characters line up; ${added.length} characters): arrival at the client through Cordon minus the moment the mock wrote the chunk carrying the character (mock and client share this process's clock), so it includes the characters held back while a value might still be completing. "Once released" subtracts that wait: it counts from the moment the mock wrote the chunk whose push let the character go, as the same engine replays it in-process — the time Cordon's proxy adds to a character it may already show.`);
    lines.push(`Characters held back after each token (engine, same entities): p50 ${quantile(held, 0.5)}, p90 ${quantile(held, 0.9)}, p99 ${quantile(held, 0.99)}, max ${held.at(-1)} (cap ${HOLDBACK_CAP} bytes${held.at(-1) < HOLDBACK_CAP ? ', never reached' : ''}).`);
  } finally {
    await dev.stop();
    await model.close();
    await paced.close();
  }
  return lines.join('\n');
}
