// Runs one compiled guardrail over a text or a conversation and decides the verdict. Knows
// nothing of HTTP or storage: routes hand it a scanner source and shape its answer.
import type { Scanner } from '../scan/index.js';
import type { CompiledGuardrail, DirectionPlan, ScannerSpec } from './compile.js';
import type { Action, TextDirection } from './filter-schema.js';
import type { GuardrailConfig, Verdict } from './guardrail-schema.js';
import { normalizeText } from '../scan/normalize.js';
import { checkResponse } from './response-checks.js';
import { type DecisionLayer, type FallbackUsage, NO_FALLBACK, type SafetyDeps, safetyFindings } from './safety-filters.js';
import { strongest, verdictOf } from './verdict.js';

export interface PolicyFinding {
  filter: string;
  entity: string;
  start: number;
  end: number;
  score: number;
  action: Action;
  /** Index into `messages` when a conversation was evaluated. */
  message?: number;
  /** Why a non-pattern check failed (never quotes the text). */
  detail?: string;
  /** Safety filters: the flagged category or denied topic, and the parts that raised its score. */
  category?: string;
  topic?: string;
  spans?: Array<{ start: number; end: number }>;
  /** The matched text: only for keys with `evaluate:reveal` that asked for it. */
  value?: string;
}

export interface EvaluateDeps extends SafetyDeps {
  scannerFor(spec: ScannerSpec): Scanner;
}

export interface TextResult {
  verdict: Verdict;
  findings: PolicyFinding[];
  /** `fast` unless the fallback model was asked (`fallback`) or failed (`error`). */
  decisionLayer: DecisionLayer;
  fallback: FallbackUsage;
  /** Present when a redacting filter changed the text. */
  redactedText?: string;
}

export interface Message {
  role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
  content: string;
}

export interface EvaluationContext {
  model?: string;
  maxTokens?: number;
  temperature?: number;
}

/** Which way a conversation message flows: the model's own turns are output, tool results are tool. */
export function messageDirection(role: Message['role'], requested: TextDirection): TextDirection {
  if (role === 'tool') return 'tool';
  if (role === 'assistant') return 'output';
  return requested === 'output' ? 'input' : requested;
}

export async function evaluateText(guardrail: CompiledGuardrail, text: string, direction: TextDirection, deps: EvaluateDeps, reveal = false): Promise<TextResult> {
  const plan = guardrail.plan(direction);
  const findings: PolicyFinding[] = [];
  let redactedText: string | undefined;
  if (plan.scanner) {
    const scanner = deps.scannerFor(plan.scanner);
    const out = scanner.redact(text, plan.redact);
    for (const f of out.findings) {
      const owner = plan.owners.get(f.entity);
      if (!owner) continue; // a detector's entity no enabled filter asked for in this direction
      findings.push({ filter: owner.filter, entity: f.entity, start: f.start, end: f.end, score: f.score, action: owner.action, ...(reveal ? { value: text.slice(f.start, f.end) } : {}) });
    }
    const hidden = obfuscatedWords(plan, text, findings, deps);
    findings.push(...hidden.map((f) => (reveal ? { ...f, value: text.slice(f.start, f.end) } : f)));
    // Words found only once de-obfuscated are replaced first; then the text is redacted as usual.
    const replaced = hidden.filter((f) => f.action === 'redact');
    const redacted = replaced.length ? scanner.redact(replaceSpans(text, replaced, plan), plan.redact).text : out.text;
    if (redacted !== text) redactedText = redacted;
    findings.sort((a, b) => a.start - b.start);
  }
  findings.push(...responseFindings(plan, text));
  const safety = await safetyFindings(plan.safety, text, deps, guardrail.config.fallback);
  findings.push(...safety.findings.map((f) => (reveal ? { ...f, value: text.slice(f.start, f.end) } : f)));
  return { verdict: verdictFor(findings), findings, decisionLayer: safety.layer, fallback: safety.fallback, ...(redactedText !== undefined ? { redactedText } : {}) };
}

/**
 * Words filters that undo obfuscation (`f.u.c.k`, `h4ck`, Cyrillic look-alikes, zero-width
 * characters): their lists are matched again over the normalised text, and what the plain scan
 * did not already find is reported at its place in the original text.
 */
function obfuscatedWords(plan: DirectionPlan, text: string, found: readonly PolicyFinding[], deps: EvaluateDeps): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  for (const group of plan.normalizedWords) {
    const normalized = normalizeText(text, group.normalize);
    // Nothing but case to undo: the plain scan (case-insensitive, as these lists are once
    // normalised) already saw this text.
    if (normalized.text === text || normalized.text === text.toLowerCase()) continue;
    for (const hit of deps.scannerFor(group.scanner).scan(normalized.text)) {
      const f = group.filterOf.get(hit.entity);
      if (!f) continue;
      const [start, end] = normalized.toOriginal(hit.start, hit.end);
      const overlaps = found.some((g) => g.start < end && start < g.end) || out.some((g) => g.start < end && start < g.end);
      if (!overlaps) out.push({ filter: f.id, entity: f.name, start, end, score: 1, action: f.action, detail: 'matched after undoing obfuscation' });
    }
  }
  return out;
}

/** `text` with each span replaced by its filter's replacement (default `[ENTITY]`). */
function replaceSpans(text: string, spans: readonly PolicyFinding[], plan: DirectionPlan): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    const own = plan.redact.byEntity?.[s.entity];
    const format = own && own.format !== undefined ? own.format : '[{entity}]';
    out += text.slice(at, s.start) + format.replace(/\{entity\}/g, s.entity).replace(/\{(n|hash)\}/g, '');
    at = s.end;
  }
  return out + text.slice(at);
}

function responseFindings(plan: DirectionPlan, text: string): PolicyFinding[] {
  return plan.responseChecks.flatMap((f) =>
    checkResponse(f, text).map((c) => ({ filter: f.id, entity: c.entity, start: 0, end: text.length, score: 1, action: f.action, detail: c.detail })),
  );
}

/** The model, token budget and temperature a request asks for, against the guardrail's limits. */
export function modelFindings(config: GuardrailConfig, context: EvaluationContext): PolicyFinding[] {
  const limits = config.modelConstraints;
  if (!limits) return [];
  const out: PolicyFinding[] = [];
  const fail = (entity: string, detail: string) => out.push({ filter: 'modelConstraints', entity, start: 0, end: 0, score: 1, action: 'block', detail });
  if (limits.allowedModels && context.model !== undefined && !limits.allowedModels.includes(context.model)) {
    fail('MODEL_NOT_ALLOWED', `model is not one of the ${limits.allowedModels.length} allowed`);
  }
  if (limits.maxTokens !== undefined && context.maxTokens !== undefined && context.maxTokens > limits.maxTokens) {
    fail('MAX_TOKENS_EXCEEDED', `at most ${limits.maxTokens} tokens`);
  }
  const t = limits.temperature;
  if (t && context.temperature !== undefined && ((t.min !== undefined && context.temperature < t.min) || (t.max !== undefined && context.temperature > t.max))) {
    fail('TEMPERATURE_OUT_OF_RANGE', `temperature must be within ${t.min ?? 0}..${t.max ?? 2}`);
  }
  return out;
}

export function verdictFor(findings: readonly PolicyFinding[]): Verdict {
  return findings.reduce<Verdict>((v, f) => strongest(v, verdictOf(f.action)), 'ALLOW');
}

export interface ConversationResult {
  verdict: Verdict;
  findings: PolicyFinding[];
  decisionLayer: DecisionLayer;
  fallback: FallbackUsage;
  /** The messages with redactions applied, when any message changed. */
  redactedMessages?: Message[];
}

export async function evaluateMessages(guardrail: CompiledGuardrail, messages: readonly Message[], direction: TextDirection, deps: EvaluateDeps, reveal = false): Promise<ConversationResult> {
  const findings: PolicyFinding[] = [];
  let changed = false;
  let layer: DecisionLayer = 'fast';
  const fallback: FallbackUsage = { ...NO_FALLBACK };
  const redacted: Message[] = [];
  for (const [i, m] of messages.entries()) {
    const r = await evaluateText(guardrail, m.content, messageDirection(m.role, direction), deps, reveal);
    for (const f of r.findings) findings.push({ ...f, message: i });
    layer = strongerLayer(layer, r.decisionLayer);
    fallback.calls += r.fallback.calls;
    fallback.failures += r.fallback.failures;
    if (r.redactedText === undefined) redacted.push(m);
    else {
      changed = true;
      redacted.push({ ...m, content: r.redactedText });
    }
  }
  return { verdict: verdictFor(findings), findings, decisionLayer: layer, fallback, ...(changed ? { redactedMessages: redacted } : {}) };
}

/** `error` over `fallback` over `fast`: the answer names the least certain layer that decided. */
export function strongerLayer(a: DecisionLayer, b: DecisionLayer): DecisionLayer {
  const rank = { fast: 0, fallback: 1, error: 2 };
  return rank[b] > rank[a] ? b : a;
}
