import type { NfaState } from './nfa.js';

export const enum CharKind {
  Newline = 0,
  Word = 1,
  Other = 2,
}

export function kindOfByte(b: number): CharKind {
  if (b === 0x0a) return CharKind.Newline;
  const word = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;
  return word ? CharKind.Word : CharKind.Other;
}

export interface ByteClasses {
  /** byte -> class id */
  map: Uint8Array;
  count: number;
  /** one byte of each class, to step the NFA with */
  representative: number[];
  kind: CharKind[];
}

/**
 * Bytes that no pattern tells apart share one class (one table column): two bytes fall in the
 * same class when every byte range of the NFA contains both or neither and they have the same
 * kind for assertions (newline / word / other). Classes need not be contiguous.
 */
export function computeByteClasses(nfa: NfaState[]): ByteClasses {
  const signature: string[] = new Array(256);
  for (let b = 0; b < 256; b++) signature[b] = String(kindOfByte(b));
  const seen = new Set<string>();
  let rangeId = 0;
  for (const s of nfa) {
    if (!s.byte) continue;
    const key = `${s.byte.lo}-${s.byte.hi}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const id = `,${rangeId++}`;
    for (let b = s.byte.lo; b <= s.byte.hi; b++) signature[b] += id;
  }
  const ids = new Map<string, number>();
  const map = new Uint8Array(256);
  const representative: number[] = [];
  const kind: CharKind[] = [];
  for (let b = 0; b < 256; b++) {
    let id = ids.get(signature[b]);
    if (id === undefined) {
      id = ids.size;
      ids.set(signature[b], id);
      representative.push(b);
      kind.push(kindOfByte(b));
    }
    map[b] = id;
  }
  return { map, count: ids.size, representative, kind };
}
