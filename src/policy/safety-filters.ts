// content_safety, prompt_injection and topics filters: scored by the fast layer, and by the
// guardrail's fallback model when a score falls in its uncertainty band.
import { DEFAULT_THRESHOLDS, DEFAULT_TOPIC_THRESHOLD, type SafetyCategory, type SafetyClassifier, type SafetyResult, type SafetyScores } from '../scan/index.js';
import type { SafetyFilter } from './compile.js';
import { SAFETY_CATEGORIES as CONTENT_CATEGORIES } from './filter-schema.js';
import type { FallbackConfig, FallbackDecision } from './fallback/index.js';

export type DecisionLayer = 'fast' | 'fallback' | 'error';

/** Requests to the fallback model (cache hits are not requests) and how many of them failed. */
export interface FallbackUsage {
  calls: number;
  failures: number;
}

export const NO_FALLBACK: Readonly<FallbackUsage> = Object.freeze({ calls: 0, failures: 0 });

export interface SafetyFinding {
  filter: string;
  entity: string;
  start: number;
  end: number;
  score: number;
  action: SafetyFilter['action'];
  /** The category or topic that was flagged. */
  category?: string;
  topic?: string;
  /** The parts of the text that raised the score most (UTF-16 offsets). */
  spans?: Array<{ start: number; end: number }>;
  detail?: string;
}

/** Asks the guardrail's fallback provider; bound to the Worker's env by the caller. */
export type FallbackRunner = (config: FallbackConfig, text: string, scores: Partial<SafetyScores>, thresholds: Partial<SafetyScores>) => Promise<FallbackDecision>;

export interface SafetyDeps {
  safety?: () => SafetyClassifier;
  fallback?: FallbackRunner;
}

interface Wanted {
  filter: SafetyFilter;
  category: SafetyCategory;
  threshold: number;
}

/** Each (filter, category) pair a filter checks, with its threshold. */
function wanted(filters: readonly SafetyFilter[]): Wanted[] {
  const out: Wanted[] = [];
  for (const f of filters) {
    if (f.type === 'content_safety') {
      for (const c of CONTENT_CATEGORIES) out.push({ filter: f, category: c, threshold: f.categories[c] ?? DEFAULT_THRESHOLDS[c] });
    } else if (f.type === 'prompt_injection') {
      out.push({ filter: f, category: 'prompt_injection', threshold: f.threshold ?? DEFAULT_THRESHOLDS.prompt_injection });
    }
  }
  return out;
}

type TopicsFilter = Extract<SafetyFilter, { type: 'topics' }>;
interface Prepared {
  topicFilters: TopicsFilter[];
  topics: Array<{ name: string; keywords: string[]; examples: string[] }>;
  checks: Wanted[];
}

/** Derived once per plan (its filter list is a stable array), not on every evaluation. */
const preparedFor = new WeakMap<readonly SafetyFilter[], Prepared>();

function prepared(filters: readonly SafetyFilter[]): Prepared {
  let p = preparedFor.get(filters);
  if (!p) {
    const topicFilters = filters.filter((f): f is TopicsFilter => f.type === 'topics');
    const topics = topicFilters.flatMap((f) => f.topics.map((t) => ({ name: t.name, keywords: t.keywords, examples: t.examples })));
    p = { topicFilters, topics, checks: wanted(filters) };
    preparedFor.set(filters, p);
  }
  return p;
}

export async function safetyFindings(
  filters: readonly SafetyFilter[],
  text: string,
  deps: SafetyDeps,
  fallback?: FallbackConfig,
): Promise<{ findings: SafetyFinding[]; layer: DecisionLayer; fallback: FallbackUsage }> {
  if (filters.length === 0) return { findings: [], layer: 'fast', fallback: NO_FALLBACK };
  if (!deps.safety) throw new Error('no safety classifier available');
  const { topicFilters, topics, checks } = prepared(filters);
  const result = deps.safety().classify(text, topics.length ? { topics } : {});

  let scores: Partial<SafetyScores> = result.scores;
  let layer: DecisionLayer = 'fast';
  let decision: FallbackDecision | undefined;
  if (fallback && deps.fallback && checks.length > 0) {
    const used = Object.fromEntries(checks.map((w) => [w.category, result.scores[w.category]])) as Partial<SafetyScores>;
    const thresholds = Object.fromEntries(checks.map((w) => [w.category, w.threshold])) as Partial<SafetyScores>;
    decision = await deps.fallback(fallback, text, used, thresholds);
    layer = decision.decisionLayer;
    scores = { ...result.scores, ...decision.scores };
  }

  const findings: SafetyFinding[] = [];
  for (const w of checks) {
    const score = scores[w.category] ?? 0;
    const uncertain = decision?.uncertain.includes(w.category) ?? false;
    const flagged = uncertain ? decideUncertain(decision!, w, result.scores[w.category]) : score >= w.threshold;
    if (!flagged) continue;
    findings.push(categoryFinding(w, score, result, text, uncertain ? decision : undefined));
  }
  for (const f of topicFilters) {
    for (const t of f.topics) {
      const hit = result.topics.find((m) => m.name === t.name);
      if (!hit || hit.score < (t.threshold ?? DEFAULT_TOPIC_THRESHOLD)) continue;
      const spans = hit.spans.map((s) => ({ start: s.start, end: s.end }));
      findings.push({ filter: f.id, entity: 'DENIED_TOPIC', topic: t.name, score: hit.score, action: f.action, ...where(spans, text), ...(spans.length ? { spans } : {}) });
    }
  }
  const asked = decision !== undefined && decision.decisionLayer !== 'fast' && !decision.cached;
  const usage = asked ? { calls: 1, failures: decision!.decisionLayer === 'error' ? 1 : 0 } : NO_FALLBACK;
  return { findings, layer, fallback: usage };
}

/**
 * A score inside the band: the provider's own score for the category when it gave one, else its
 * overall verdict; when it failed, the fail mode (closed: flagged; open: the fast score decides).
 */
function decideUncertain(decision: FallbackDecision, w: Wanted, fastScore: number): boolean {
  if (decision.decisionLayer === 'error') return decision.failedOpen ? fastScore >= w.threshold : true;
  const merged = decision.scores[w.category];
  const providerScored = merged !== undefined && merged !== fastScore;
  return providerScored ? merged >= w.threshold : decision.violation;
}

function categoryFinding(w: Wanted, score: number, result: SafetyResult, text: string, decision?: FallbackDecision): SafetyFinding {
  const spans = result.spans.filter((s) => s.category === w.category).map((s) => ({ start: s.start, end: s.end }));
  const detail =
    decision?.decisionLayer === 'fallback'
      ? 'confirmed by the fallback model'
      : decision?.decisionLayer === 'error'
        ? decision.failedOpen
          ? 'fallback model unavailable; the fast score decided (fail open)'
          : 'fallback model unavailable; failed closed'
        : undefined;
  return {
    filter: w.filter.id,
    entity: w.category.toUpperCase(),
    category: w.category,
    score: Math.round(score * 1000) / 1000,
    action: w.filter.action,
    ...where(spans, text),
    ...(spans.length ? { spans } : {}),
    ...(detail ? { detail } : {}),
  };
}

/** A finding's own span: the strongest contributing part, or the whole text when no part stands out. */
function where(spans: Array<{ start: number; end: number }>, text: string): { start: number; end: number } {
  return spans.length ? { start: spans[0].start, end: spans[0].end } : { start: 0, end: text.length };
}
