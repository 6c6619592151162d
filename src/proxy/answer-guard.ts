// The answer side of the proxy, per choice: the output guardrails in a chain, then the
// placeholders put back. Findings refer to the model's text; restored values are the caller's own.
import { evaluateDeps } from '../guardrails.js';
import type { CompiledGuardrail } from '../policy/compile.js';
import { GuardedStream, type StreamVerdict } from '../policy/stream-guard.js';
import { strongestAction } from '../policy/verdict.js';
import { type ChainChunk, GuardChain } from './guard-chain.js';
import { PlaceholderRestorer } from './placeholder-restorer.js';

export class AnswerGuard {
  readonly chain: GuardChain;
  private readonly restorer: PlaceholderRestorer;
  finished = false;

  constructor(
    private readonly guardrails: CompiledGuardrail[],
    restore: ReadonlyMap<string, string>,
  ) {
    this.chain = new GuardChain(guardrails.map((g) => GuardedStream.start(g, 'output', evaluateDeps)));
    this.restorer = new PlaceholderRestorer(restore);
  }

  push(text: string): ChainChunk {
    const r = this.chain.push(text);
    return { ...r, text: r.blocked ? this.restorer.push(r.text) + this.restorer.end() : this.restorer.push(r.text) };
  }

  end(): ChainChunk {
    this.finished = true;
    const r = this.chain.end();
    return { ...r, text: this.restorer.push(r.text) + this.restorer.end() };
  }

  /** Each output guardrail with its verdict on this answer so far (for metrics and audit). */
  results(): Array<{ guardrail: CompiledGuardrail; result: StreamVerdict }> {
    return this.chain.guards.map((guard, k) => ({ guardrail: this.guardrails[k], result: guard.result() }));
  }

  /** The whole text at once (non-streaming answers): the same inspection, the same result. */
  all(text: string): ChainChunk {
    const a = this.push(text);
    if (a.blocked) {
      this.finished = true;
      return a;
    }
    const b = this.end();
    return { text: a.text + b.text, findings: [...a.findings, ...b.findings], action: b.blocked ? 'block' : strongestAction(a.action, b.action), blocked: b.blocked };
  }
}

