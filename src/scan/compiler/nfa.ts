import type { AssertKind, Node } from './ast.js';
import { utf8Sequences } from './utf8.js';

export const enum Assert {
  LineStart = 0,
  LineEnd = 1,
  WordBoundary = 2,
  NotWordBoundary = 3,
}

/** One NFA state over bytes. A state is exactly one of: epsilon fan-out, assertion, byte range, match. */
export interface NfaState {
  eps?: number[];
  assert?: { kind: Assert; next: number };
  byte?: { lo: number; hi: number; next: number };
  match?: number;
}

export class NfaTooLarge extends Error {}

const ASSERT_OF: Record<AssertKind, Assert> = {
  lineStart: Assert.LineStart,
  lineEnd: Assert.LineEnd,
  wordBoundary: Assert.WordBoundary,
  notWordBoundary: Assert.NotWordBoundary,
};

/**
 * Thompson construction over UTF-8 bytes, in continuation style: `build(node, next)` returns the
 * state that matches `node` and then continues at `next`. With `reverse`, the NFA matches the
 * byte-reversed language (used to find where a match starts, scanning backwards from its end):
 * sequences run back to front and ^/$ trade places.
 */
export class NfaBuilder {
  readonly states: NfaState[] = [];

  constructor(private readonly maxStates: number) {}

  add(state: NfaState): number {
    if (this.states.length >= this.maxStates) throw new NfaTooLarge();
    this.states.push(state);
    return this.states.length - 1;
  }

  addPattern(node: Node, patternId: number, reverse: boolean): number {
    const accept = this.add({ match: patternId });
    return this.build(node, accept, reverse);
  }

  private build(node: Node, next: number, reverse: boolean): number {
    switch (node.type) {
      case 'empty':
        return next;
      case 'assert': {
        let kind = ASSERT_OF[node.kind];
        if (reverse && kind === Assert.LineStart) kind = Assert.LineEnd;
        else if (reverse && kind === Assert.LineEnd) kind = Assert.LineStart;
        return this.add({ assert: { kind, next } });
      }
      case 'set':
        return this.buildSet(node.ranges, next, reverse);
      case 'concat': {
        let cur = next;
        const items = reverse ? node.items : [...node.items].reverse();
        for (const item of items) cur = this.build(item, cur, reverse);
        return cur;
      }
      case 'alt':
        return this.add({ eps: node.items.map((item) => this.build(item, next, reverse)) });
      case 'repeat':
        return this.buildRepeat(node.node, node.min, node.max, next, reverse);
    }
  }

  private buildRepeat(node: Node, min: number, max: number, next: number, reverse: boolean): number {
    let cur = next;
    if (max === Infinity) {
      const loop = this.add({ eps: [] });
      const body = this.build(node, loop, reverse);
      this.states[loop].eps = [body, next];
      cur = loop;
    } else {
      for (let i = min; i < max; i++) {
        // optional copies nest, x{0,2} = (x(x)?)?, so every level may leave for `next`
        const body = this.build(node, cur, reverse);
        cur = this.add({ eps: [body, next] });
      }
    }
    for (let i = 0; i < min; i++) cur = this.build(node, cur, reverse);
    return cur;
  }

  private buildSet(ranges: Array<[number, number]>, next: number, reverse: boolean): number {
    const sequences = utf8Sequences(ranges);
    if (sequences.length === 0) return this.add({ eps: [] }); // empty class: never matches
    const heads = sequences.map((seq) => {
      let cur = next;
      const bytes = reverse ? seq : [...seq].reverse();
      for (const [lo, hi] of bytes) cur = this.add({ byte: { lo, hi, next: cur } });
      return cur;
    });
    return heads.length === 1 ? heads[0] : this.add({ eps: heads });
  }
}
