// Several guardrails over one answer, in order: each sees the text the ones before it released.
import type { PolicyFinding } from '../policy/evaluate.js';
import type { Action } from '../policy/filter-schema.js';
import type { Verdict } from '../policy/guardrail-schema.js';
import type { GuardedStream } from '../policy/stream-guard.js';
import { strongest, strongestAction } from '../policy/verdict.js';

export interface ChainFinding extends PolicyFinding {
  guardrail: string;
}

export interface ChainChunk {
  text: string;
  findings: ChainFinding[];
  action: Action;
  blocked: boolean;
}

export class GuardChain {
  private blocked = false;

  constructor(readonly guards: GuardedStream[]) {}

  push(text: string): ChainChunk {
    return this.feed(text, false);
  }

  /** Each guard releases what it held, which the guards after it still inspect before they end too. */
  end(): ChainChunk {
    return this.feed('', true);
  }

  /**
   * Passes text down the chain. Once a guard blocks, the stream is over: the guards after it
   * still inspect (and may redact) what it released before the violation, then end.
   */
  private feed(text: string, ending: boolean): ChainChunk {
    const out: ChainChunk = { text: '', findings: [], action: 'allow', blocked: false };
    let carry = text;
    let stopping = false;
    for (const g of this.guards) {
      let released = '';
      if (carry !== '') {
        const r = g.push(carry);
        add(out, r, g.guardrail.id);
        released = r.text;
        stopping ||= r.blocked;
      }
      if (ending || stopping) {
        const { last } = g.end();
        add(out, last, g.guardrail.id);
        released += last.text;
        stopping ||= last.blocked;
      }
      carry = released;
    }
    out.text = carry;
    if (stopping) this.blocked = out.blocked = true;
    return out;
  }

  verdict(): { verdict: Verdict; counts: Record<string, number> } {
    let verdict: Verdict = 'ALLOW';
    const counts: Record<string, number> = {};
    for (const g of this.guards) {
      const r = g.result();
      verdict = strongest(verdict, r.verdict);
      for (const [entity, n] of Object.entries(r.counts)) counts[entity] = (counts[entity] ?? 0) + n;
    }
    return { verdict, counts };
  }

}

function add(out: ChainChunk, r: { findings: PolicyFinding[]; action: Action }, guardrail: string): void {
  for (const f of r.findings) out.findings.push({ ...f, guardrail });
  out.action = strongestAction(out.action, r.action);
}
