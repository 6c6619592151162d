// Runs one compiled guardrail over a text or a conversation and decides the verdict. Knows
// nothing of HTTP or storage: routes hand it a scanner source and shape its answer.
import type { Scanner } from '../scan/index.js';
import type { CompiledGuardrail, DirectionPlan, ScannerSpec } from './compile.js';
import type { Action, TextDirection } from './filter-schema.js';
import type { GuardrailConfig, Verdict } from './guardrail-schema.js';
import { checkResponse } from './response-checks.js';
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
  /** The matched text: only for keys with `evaluate:reveal` that asked for it. */
  value?: string;
}

export interface EvaluateDeps {
  scannerFor(spec: ScannerSpec): Scanner;
}

export interface TextResult {
  verdict: Verdict;
  findings: PolicyFinding[];
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

export function evaluateText(guardrail: CompiledGuardrail, text: string, direction: TextDirection, deps: EvaluateDeps, reveal = false): TextResult {
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
    if (out.text !== text) redactedText = out.text;
  }
  findings.push(...responseFindings(plan, text));
  return { verdict: verdictFor(findings), findings, ...(redactedText !== undefined ? { redactedText } : {}) };
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
  /** The messages with redactions applied, when any message changed. */
  redactedMessages?: Message[];
}

export function evaluateMessages(guardrail: CompiledGuardrail, messages: readonly Message[], direction: TextDirection, deps: EvaluateDeps, reveal = false): ConversationResult {
  const findings: PolicyFinding[] = [];
  let changed = false;
  const redacted = messages.map((m, i) => {
    const r = evaluateText(guardrail, m.content, messageDirection(m.role, direction), deps, reveal);
    for (const f of r.findings) findings.push({ ...f, message: i });
    if (r.redactedText === undefined) return m;
    changed = true;
    return { ...m, content: r.redactedText };
  });
  return { verdict: verdictFor(findings), findings, ...(changed ? { redactedMessages: redacted } : {}) };
}
