import { Assert, type NfaState } from './nfa.js';

export const enum Kind {
  Eps = 0,
  Byte = 1,
  Assert = 2,
  Match = 3,
}

/**
 * An NFA as flat integers, the form the subset construction walks and the compiled tables store:
 * per state [kind, a, b, c]; Eps: a = offset into `eps`, b = count; Byte: a = lo, b = hi, c = next;
 * Assert: a = Assert kind, b = next; Match: a = pattern id.
 */
export interface NfaTable {
  states: Int32Array;
  eps: Int32Array;
  starts: Int32Array;
}

export function toTable(nfa: NfaState[], starts: number[]): NfaTable {
  const states = new Int32Array(nfa.length * 4);
  const eps: number[] = [];
  nfa.forEach((s, i) => {
    const o = i * 4;
    if (s.eps) {
      states.set([Kind.Eps, eps.length, s.eps.length, 0], o);
      eps.push(...s.eps);
    } else if (s.byte) {
      states.set([Kind.Byte, s.byte.lo, s.byte.hi, s.byte.next], o);
    } else if (s.assert) {
      states.set([Kind.Assert, s.assert.kind, s.assert.next, 0], o);
    } else {
      states.set([Kind.Match, s.match!, 0, 0], o);
    }
  });
  return { states, eps: Int32Array.from(eps), starts: Int32Array.from(starts) };
}

export function stateCount(t: NfaTable): number {
  return t.states.length / 4;
}

export { Assert };
