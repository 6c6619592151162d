import { type Node, type Ranges } from './ast.js';
import { DIGIT, SPACE, WORD, caseFold, negate, normalize } from './charset.js';
import { PatternError } from './errors.js';

/** Largest counted repetition; bigger counts are spelled with `*`/`+` or rejected. */
export const MAX_REPEAT = 1000;

export interface ParseOptions {
  name: string;
  caseInsensitive: boolean;
}

/**
 * Parses Cordon's pattern syntax, a subset of JavaScript/RE2 regex syntax that can always be
 * compiled to a finite automaton. Everything that would need backtracking is rejected with the
 * construct and its position.
 */
export function parsePattern(source: string, options: ParseOptions): Node {
  return new Parser(source, options).parse();
}

const LINE_TERMINATORS: Ranges = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];
const DOT: Ranges = negate(LINE_TERMINATORS);

class Parser {
  private pos = 0;
  constructor(
    private readonly src: string,
    private readonly options: ParseOptions,
  ) {}

  parse(): Node {
    if (this.src.length === 0) this.fail('empty pattern', 0);
    const node = this.parseAlternation();
    if (this.pos < this.src.length) this.fail("unmatched ')'", this.pos);
    return node;
  }

  private fail(reason: string, position = this.pos): never {
    throw new PatternError(this.options.name, reason, position);
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private parseAlternation(): Node {
    const items = [this.parseConcat()];
    while (this.peek() === '|') {
      this.pos++;
      items.push(this.parseConcat());
    }
    return items.length === 1 ? items[0] : { type: 'alt', items };
  }

  private parseConcat(): Node {
    const items: Node[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.parseAtom();
      items.push(this.parseQuantifiers(atom));
    }
    if (items.length === 0) return { type: 'empty' };
    return items.length === 1 ? items[0] : { type: 'concat', items };
  }

  private parseQuantifiers(atom: Node): Node {
    let node = atom;
    for (;;) {
      const at = this.pos;
      const bounds = this.readQuantifier();
      if (!bounds) return node;
      if (atom.type === 'assert') this.fail('nothing to repeat (an assertion)', at);
      if (this.peek() === '?') this.pos++; // lazy: accepted, matching is leftmost-longest anyway
      else if (this.peek() === '+') this.fail('possessive quantifiers are not supported', this.pos);
      const [min, max] = bounds;
      node = { type: 'repeat', node, min, max };
    }
  }

  private readQuantifier(): [number, number] | null {
    const c = this.peek();
    if (c === '*') return this.pos++, [0, Infinity];
    if (c === '+') return this.pos++, [1, Infinity];
    if (c === '?') return this.pos++, [0, 1];
    if (c !== '{') return null;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!m) return null; // a lone `{` is a literal, as in JavaScript
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (max < min) this.fail(`quantifier {${min},${max}} has max < min`);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
      this.fail(`quantifier bound over ${MAX_REPEAT}`);
    }
    this.pos += m[0].length;
    return [min, max];
  }

  private parseAtom(): Node {
    const start = this.pos;
    const c = this.src[this.pos];
    switch (c) {
      case '(':
        return this.parseGroup();
      case '[':
        return { type: 'set', ranges: this.parseClass() };
      case '.':
        this.pos++;
        return { type: 'set', ranges: DOT };
      case '^':
        this.pos++;
        return { type: 'assert', kind: 'lineStart' };
      case '$':
        this.pos++;
        return { type: 'assert', kind: 'lineEnd' };
      case '\\':
        return this.parseEscapeAtom();
      case '*':
      case '+':
      case '?':
        this.fail('nothing to repeat', start);
      case '{':
        if (/^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos))) this.fail('nothing to repeat', start);
        break;
      case ']':
      case '}':
        break; // literal, as in JavaScript without the `u` flag
    }
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return this.literal(cp);
  }

  private parseGroup(): Node {
    const open = this.pos;
    this.pos++;
    if (this.peek() === '?') {
      const next = this.peek(1);
      if (next === ':') this.pos += 2;
      else if (next === '=' || next === '!') this.fail('lookahead is not supported', open);
      else if (next === '<' && (this.peek(2) === '=' || this.peek(2) === '!')) {
        this.fail('lookbehind is not supported', open);
      } else if (next === '<') {
        const m = /^\?<([A-Za-z_$][\w$]*)>/.exec(this.src.slice(this.pos));
        if (!m) this.fail('malformed named group', open);
        this.pos += m[0].length; // names are accepted for readability; there are no captures
      } else this.fail(`unsupported group syntax '(?${next ?? ''}'`, open);
    }
    const inner = this.parseAlternation();
    if (this.peek() !== ')') this.fail("unterminated group: missing ')'", open);
    this.pos++;
    return inner;
  }

  private parseEscapeAtom(): Node {
    const start = this.pos;
    const e = this.src[this.pos + 1];
    if (e === undefined) this.fail('pattern ends with a lone backslash', start);
    if (e === 'b' || e === 'B') {
      this.pos += 2;
      return { type: 'assert', kind: e === 'b' ? 'wordBoundary' : 'notWordBoundary' };
    }
    if (/[1-9]/.test(e)) this.fail('backreferences are not supported', start);
    if (e === 'k') this.fail('named backreferences are not supported', start);
    if (e === 'A' || e === 'z' || e === 'Z' || e === 'G') this.fail(`\\${e} is not supported; use ^ or $`, start);
    const ranges = this.parseEscapeInClass(false);
    return this.set(ranges);
  }

  /** Parses an escape at `pos` (the backslash) and returns the characters it stands for. */
  private parseEscapeInClass(inClass: boolean): Ranges {
    const start = this.pos;
    const e = this.src[this.pos + 1];
    this.pos += 2;
    switch (e) {
      case 'd': return DIGIT;
      case 'D': return negate(DIGIT);
      case 'w': return WORD;
      case 'W': return negate(WORD);
      case 's': return SPACE;
      case 'S': return negate(SPACE);
      case 'n': return [[0x0a, 0x0a]];
      case 'r': return [[0x0d, 0x0d]];
      case 't': return [[0x09, 0x09]];
      case 'f': return [[0x0c, 0x0c]];
      case 'v': return [[0x0b, 0x0b]];
      case '0':
        if (/[0-9]/.test(this.peek() ?? '')) this.fail('octal escapes are not supported', start);
        return [[0, 0]];
      case 'b':
        if (inClass) return [[0x08, 0x08]];
        break;
      case 'x': {
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
        if (!m) this.fail('\\x needs two hex digits', start);
        this.pos += 2;
        const v = parseInt(m[0], 16);
        return [[v, v]];
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.src.slice(this.pos));
        const plain = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos));
        const hex = braced ? braced[1] : plain ? plain[0] : undefined;
        if (hex === undefined) this.fail('\\u needs four hex digits or {hex}', start);
        this.pos += braced ? braced[0].length : 4;
        const v = parseInt(hex, 16);
        if (v > 0x10ffff) this.fail('code point out of range', start);
        return [[v, v]];
      }
      case 'p':
      case 'P':
        this.fail('Unicode property escapes are not supported', start);
      case 'c':
        this.fail('control escapes (\\c) are not supported', start);
      case undefined:
        this.fail('pattern ends with a lone backslash', start);
    }
    if (/[A-Za-z0-9]/.test(e)) this.fail(`unknown escape \\${e}`, start);
    const cp = this.src.codePointAt(start + 1)!;
    this.pos = start + 1 + (cp > 0xffff ? 2 : 1);
    return [[cp, cp]];
  }

  private parseClass(): Ranges {
    const open = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    while (this.peek() !== ']') {
      if (this.pos >= this.src.length) this.fail("unterminated character class: missing ']'", open);
      const lo = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        const dash = this.pos;
        this.pos++;
        const hi = this.classAtom();
        if (lo.length !== 1 || hi.length !== 1 || lo[0][0] !== lo[0][1] || hi[0][0] !== hi[0][1]) {
          this.fail('a class range needs single characters at both ends', dash);
        }
        if (hi[0][0] < lo[0][0]) this.fail('class range out of order', dash);
        ranges.push([lo[0][0], hi[0][0]]);
      } else ranges.push(...lo);
    }
    this.pos++;
    let set = normalize(ranges);
    if (this.options.caseInsensitive) set = caseFold(set);
    return negated ? negate(set) : set;
  }

  private classAtom(): Ranges {
    if (this.peek() === '\\') return this.parseEscapeInClass(true);
    if (this.peek() === '[' && this.peek(1) === ':') this.fail('POSIX classes are not supported');
    const cp = this.src.codePointAt(this.pos)!;
    this.pos += cp > 0xffff ? 2 : 1;
    return [[cp, cp]];
  }

  private literal(cp: number): Node {
    return this.set([[cp, cp]]);
  }

  /**
   * Literals fold case here; classes fold before negation in parseClass. Predefined classes
   * (\\d, \\w, \\s and their negations) are already closed under case and are left alone.
   */
  private set(ranges: Ranges): Node {
    const single = ranges.length === 1 && ranges[0][0] === ranges[0][1];
    const folded = this.options.caseInsensitive && single ? caseFold(ranges) : normalize(ranges);
    return { type: 'set', ranges: folded };
  }
}
