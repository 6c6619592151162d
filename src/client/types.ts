// Shapes the Cordon API answers with, as the client sees them. Plain types: no runtime code.

export type Verdict = 'ALLOW' | 'WARN' | 'REDACT' | 'BLOCK';
export type Action = 'allow' | 'warn' | 'redact' | 'block';
export type Direction = 'input' | 'output' | 'tool' | 'retrieval';

export interface Finding {
  filter: string;
  entity: string;
  start: number;
  end: number;
  score: number;
  action: Action;
  message?: number;
  detail?: string;
}

export interface EvaluateRequest {
  text?: string;
  messages?: Array<{ role: 'system' | 'developer' | 'user' | 'assistant' | 'tool'; content: string; name?: string }>;
  direction?: Direction;
  context?: { projectId?: string; agentId?: string; model?: string; datasourceId?: string; conversationId?: string; maxTokens?: number; temperature?: number };
}

export interface EvaluateResult {
  evaluationId: string;
  verdict: Verdict;
  findings: Finding[];
  redactedText?: string;
  redactedMessages?: EvaluateRequest['messages'];
  guardrail: { id: string; version: number };
  decisionLayer: 'fast' | 'error';
  escalated?: boolean;
  timings: { totalMs: number };
}

export interface TokenEvent {
  type: 'token';
  index: number;
  /** What is now safe to show, already redacted. */
  text: string;
  findings: Finding[];
  action: Action;
  /** Set on the last text of the stream (what was held back when the input ended). */
  final?: boolean;
}

export interface VerdictEvent {
  type: 'verdict';
  verdict: Verdict;
  findings: Finding[];
  counts: Record<string, number>;
  guardrail: { id: string; version: number };
  decisionLayer: 'fast' | 'error';
}

export interface ErrorEvent {
  type: 'error';
  code: string;
  message: string;
}

export type InspectionEvent = TokenEvent | VerdictEvent | ErrorEvent;
