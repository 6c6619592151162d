// Safety benchmark: prompt-injection detection on the held-out split of data/safety (rows
// training never saw), Cordon's fast layer beside the npm peers that run offline, on the same
// rows in the same run; and the fast layer's latency per 1 KB. `node bench/safety.mjs` runs it
// alone; `npm run bench` appends it to the scanner benchmark.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promptInjectionRows } from '../scripts/safety-data.mjs';

const LATENCY_PROMPTS = 500;
const LATENCY_PASSES = 5;
const PROMPT_BYTES = 1024;
const version = (name) => JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const now = () => process.hrtime.bigint();
const log = (...a) => console.error(...a);

/** Engines: setup() → { score(text) → number (higher = more likely injection), flagged(text) → bool } or an n/a reason. */
const ENGINES = [
  {
    name: 'Cordon fast layer',
    version: 'this repo',
    async setup() {
      const { loadSafetyClassifier, DEFAULT_THRESHOLDS } = await import('../dist/scan/node.js');
      const c = loadSafetyClassifier();
      const t = DEFAULT_THRESHOLDS.prompt_injection;
      return (text) => {
        const score = c.classify(text).scores.prompt_injection;
        return { score, flagged: score >= t };
      };
    },
  },
  {
    name: '@andersmyrmel/vard (moderate preset)',
    version: () => version('@andersmyrmel/vard'),
    async setup() {
      const vard = (await import('@andersmyrmel/vard')).default;
      const guard = vard.moderate();
      return (text) => {
        const r = guard.safeParse(text);
        // Threat severities are its only score; a safe parse has none.
        const score = r.safe ? 0 : Math.max(0, ...(r.threats ?? []).map((t) => t.severity ?? 1));
        return { score, flagged: !r.safe };
      };
    },
  },
  {
    name: 'llm-guard (npm; promptInjection + jailbreak)',
    version: () => version('llm-guard'),
    async setup() {
      const { LLMGuard } = await import('llm-guard');
      const guard = new LLMGuard({ promptInjection: true, jailbreak: true });
      return async (text) => {
        const r = await guard.validate(text);
        // Its score is a validity score (1 = valid): invert it.
        return { score: 1 - r.score, flagged: !r.isValid };
      };
    },
  },
  {
    name: '@presidio-dev/hai-guardrails (heuristic injection guard)',
    version: () => version('@presidio-dev/hai-guardrails'),
    batch: true,
    async setup() {
      return (texts) => {
        const child = spawnSync(process.execPath, [new URL('./safety-peers/hai-guardrails.mjs', import.meta.url).pathname], {
          input: JSON.stringify(texts),
          maxBuffer: 64 << 20,
          timeout: 120_000,
          encoding: 'utf8',
        });
        if (child.status !== 0) {
          const line = (child.stderr || child.error?.message || 'no output').split('\n').find((l) => /Error/.test(l)) ?? 'failed';
          throw new Error(line.trim().slice(0, 140));
        }
        return JSON.parse(child.stdout);
      };
    },
  },
];

function metrics(rows, results) {
  const pos = results.filter((_, i) => rows[i].injection);
  const neg = results.filter((_, i) => !rows[i].injection);
  const tp = pos.filter((r) => r.flagged).length;
  const fp = neg.filter((r) => r.flagged).length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp / pos.length;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, fpr: fp / neg.length, tpr1: tprAt(pos, neg, 0.01), tpr5: tprAt(pos, neg, 0.05) };
}

/**
 * TPR at the lowest score threshold whose false-positive rate is at most `fpr`, counting ties as
 * flagged: an engine whose scores cannot separate rows cannot claim a better operating point.
 */
function tprAt(pos, neg, fpr) {
  const thresholds = [...new Set([...pos, ...neg].map((r) => r.score))].sort((a, b) => a - b);
  for (const t of thresholds) {
    if (t <= 0 && neg.some((r) => r.score <= 0)) continue; // flagging everything is not an operating point
    if (neg.filter((r) => r.score >= t).length / neg.length <= fpr) return pos.filter((r) => r.score >= t).length / pos.length;
  }
  return 0;
}

/** Prompts of exactly PROMPT_BYTES UTF-8 bytes (or less, cut at a character) from the held-out rows. */
function kilobytePrompts(rows) {
  const all = rows.map((r) => r.text).join('\n');
  const out = [];
  for (let at = 0; out.length < LATENCY_PROMPTS; at = (at + 997) % Math.max(1, all.length - PROMPT_BYTES)) {
    let s = all.slice(at, at + PROMPT_BYTES);
    while (Buffer.byteLength(s) > PROMPT_BYTES) s = s.slice(0, -1);
    out.push(s);
  }
  return out;
}

const pct = (x) => (x * 100).toFixed(1) + '%';
const f3 = (x) => x.toFixed(3);

/** The section with its heading (this branch's bench/run.mjs, and `node bench/safety.mjs`). */
export async function safetySection() {
  return ['## Safety: prompt injection on the held-out split', '', await safetyBench()].join('\n');
}

/** The section's body, for a run.mjs SECTIONS entry that writes the heading itself. */
export async function safetyBench() {
  const rows = promptInjectionRows().filter((r) => r.split === 'test');
  const texts = rows.map((r) => r.text);
  const lines = [];
  const table = [];
  let cordon;
  for (const engine of ENGINES) {
    const v = typeof engine.version === 'function' ? safe(engine.version) : engine.version;
    try {
      const run = await engine.setup();
      const t0 = now();
      const results = engine.batch ? run(texts) : [];
      if (!engine.batch) for (const t of texts) results.push(await run(t));
      const usPerRow = Number(now() - t0) / 1e3 / texts.length;
      const m = metrics(rows, results);
      if (!cordon) cordon = { run, results };
      table.push(`| ${engine.name} | ${v} | ${f3(m.precision)} | ${f3(m.recall)} | ${f3(m.f1)} | ${pct(m.fpr)} | ${f3(m.tpr1)} | ${f3(m.tpr5)} | ${usPerRow.toFixed(0)} |`);
      engine.m = m;
    } catch (err) {
      table.push(`| ${engine.name} | ${v} | n/a: ${String(err?.message ?? err).replace(/\|/g, '/').slice(0, 140)} | | | | | | |`);
    }
    log(`safety bench: ${engine.name} done`);
  }
  // Latency of the fast layer per 1 KB prompt: the median of each prompt's passes, then p50/p99.
  const { loadSafetyClassifier } = await import('../dist/scan/node.js');
  const classifier = loadSafetyClassifier();
  const prompts = kilobytePrompts(rows);
  // Steady state, as a long-lived isolate serves it: three warm-up passes let V8 finish optimising
  // (the first calls of a fresh isolate are a cold-start cost, not per-request latency).
  for (let pass = 0; pass < 3; pass++) for (const p of prompts) classifier.classify(p);
  const perPrompt = prompts.map((p) => {
    const passes = [];
    for (let i = 0; i < LATENCY_PASSES; i++) {
      const t0 = now();
      classifier.classify(p);
      passes.push(Number(now() - t0) / 1e3);
    }
    return passes.sort((a, b) => a - b)[LATENCY_PASSES >> 1];
  });
  perPrompt.sort((a, b) => a - b);
  const p50 = perPrompt[perPrompt.length >> 1];
  const p99 = perPrompt[Math.floor(perPrompt.length * 0.99)];
  // Where Cordon stands per source category (at its default threshold).
  const byCategory = new Map();
  rows.forEach((r, i) => {
    const k = `${r.injection ? 'injection' : 'benign'}: ${r.category}`;
    const e = byCategory.get(k) ?? { n: 0, flagged: 0 };
    e.n++;
    if (cordon.results[i].flagged) e.flagged++;
    byCategory.set(k, e);
  });
  // Content categories on benign held-out rows: how many would be flagged at the defaults.
  const { DEFAULT_THRESHOLDS } = await import('../dist/scan/node.js');
  const benign = rows.filter((r) => !r.injection);
  const contentFlags = {};
  for (const r of benign) {
    const s = classifier.classify(r.text).scores;
    for (const c of ['violence', 'hate', 'sexual', 'self_harm', 'harassment', 'illicit']) if (s[c] >= DEFAULT_THRESHOLDS[c]) contentFlags[c] = (contentFlags[c] ?? 0) + 1;
  }
  const cm = ENGINES[0].m;
  const peers = ENGINES.slice(1).filter((e) => e.m);
  const ahead = peers.every((e) => cm.tpr5 > e.m.tpr5 && cm.f1 > e.m.f1);
  lines.push(
    `Held-out rows of data/safety/prompt_injection.jsonl (split by hash, never seen by training or threshold choice): ${rows.length} (${rows.filter((r) => r.injection).length} injection, ${benign.length} benign). Each engine with its default configuration, offline, same rows, same run.`,
    '',
    '| Engine | Version | Precision | Recall | F1 | FPR | TPR @ 1% FPR | TPR @ 5% FPR | µs / row (mean) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...table,
    '',
    'Precision, recall, F1 and FPR at each engine\'s own decision (Cordon: DEFAULT_THRESHOLDS.prompt_injection). TPR at x% FPR: the lowest score threshold whose FPR is at most x, ties counted as flagged, so an engine with one score for everything it flags gets its single operating point or 0.  ',
    `Cordon fast layer latency, ${prompts.length} prompts of ${PROMPT_BYTES} bytes from the held-out rows × ${LATENCY_PASSES} passes (normalise + lexicons + n-gram model): p50 **${p50.toFixed(1)} µs**, p99 **${p99.toFixed(1)} µs** per 1 KB (target < 20 µs) — ${p50 < 20 ? 'PASS (p50)' : 'FAIL'}${p99 < 20 ? ', PASS (p99)' : ', p99 FAIL'}.`,
    '',
    `- Prompt injection TPR at 5% FPR: **${f3(cm.tpr5)}** (target ≥ 0.90) — ${cm.tpr5 >= 0.9 ? 'PASS' : 'FAIL'}; ahead of every offline peer that ran (TPR @ 5% FPR and F1): ${ahead ? 'PASS' : 'FAIL'}.`,
    `- Content categories at their default thresholds on the ${benign.length} benign held-out rows (false positives): ${Object.keys(contentFlags).length ? Object.entries(contentFlags).map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}.`,
    '',
    '| Held-out rows by source category | Rows | Cordon flagged |',
    '| --- | ---: | ---: |',
    ...[...byCategory].sort().map(([k, e]) => `| ${k} | ${e.n} | ${pct(e.flagged / e.n)} |`),
    '',
  );
  return lines.join('\n');
}

function safe(fn) {
  try {
    return fn();
  } catch {
    return '?';
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await safetySection());
}
