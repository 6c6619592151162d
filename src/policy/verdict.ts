import type { Action } from './filter-schema.js';
import type { Verdict } from './guardrail-schema.js';

const RANK: Record<Verdict, number> = { ALLOW: 0, WARN: 1, REDACT: 2, BLOCK: 3 };

export const verdictOf = (action: Action): Verdict => action.toUpperCase() as Verdict;

/** BLOCK > REDACT > WARN > ALLOW: the strongest wins. */
export function strongest(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}

export function strongerAction(a: Action, b: Action): boolean {
  return RANK[verdictOf(a)] > RANK[verdictOf(b)];
}

/** block > redact > warn > allow: the stronger of two actions (the first on a tie). */
export function strongestAction(a: Action, b: Action): Action {
  return strongerAction(b, a) ? b : a;
}
