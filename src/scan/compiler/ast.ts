/** Code point ranges [lo, hi], sorted, non-overlapping, surrogates excluded. */
export type Ranges = Array<[number, number]>;

export type AssertKind = 'lineStart' | 'lineEnd' | 'wordBoundary' | 'notWordBoundary';

export type Node =
  | { type: 'empty' }
  | { type: 'set'; ranges: Ranges }
  | { type: 'concat'; items: Node[] }
  | { type: 'alt'; items: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number } // max = Infinity when unbounded
  | { type: 'assert'; kind: AssertKind };

export const MAX_CODE_POINT = 0x10ffff;
export const SURROGATES: [number, number] = [0xd800, 0xdfff];
