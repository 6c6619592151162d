// "The one-pass limit": the least work any byte-at-a-time automaton can do. Per call, the text is
// copied into WASM memory (TextEncoder.encodeInto), then a bare table-driven loop runs over it:
//   state = table[state * COLS + class[byte]]
// over a tiny 8-state DFA. No matching, validation or output string: an upper bound, not a redactor.
// The module (about 110 bytes) is emitted by hand below; no toolchain needed.

const COLS = 8; // byte classes
const STATES = 8;
const CLASS_AT = 0; // 256-byte class table
const TABLE_AT = 256; // STATES*COLS transition table
const INPUT_AT = 4096;

function uleb(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function section(id, body) {
  return [id, ...uleb(body.length), ...body];
}

function str(s) {
  return [...uleb(s.length), ...Buffer.from(s)];
}

export function loopModuleBytes() {
  // (func $run (param $p i32) (param $n i32) (result i32) (local $s i32) (local $end i32) ...)
  const code = [
    0x01, 0x02, 0x7f, // 1 local group: 2 x i32 (locals 2 = s, 3 = end)
    0x20, 0x00, 0x20, 0x01, 0x6a, 0x21, 0x03, // end = p + n
    0x02, 0x40, // block
    0x20, 0x00, 0x20, 0x03, 0x4f, 0x0d, 0x00, // br_if 0 (p >= end)
    0x03, 0x40, // loop
    0x20, 0x02, 0x41, ...sleb(COLS), 0x6c, // s * COLS
    0x20, 0x00, 0x2d, 0x00, ...uleb(0), // load8_u [p]            -> byte
    0x2d, 0x00, ...uleb(CLASS_AT), // load8_u class[byte]           -> class
    0x6a, // s*COLS + class
    0x2d, 0x00, ...uleb(TABLE_AT), // load8_u table[...]
    0x21, 0x02, // s = ...
    0x20, 0x00, 0x41, 0x01, 0x6a, 0x22, 0x00, // p = p + 1 (tee)
    0x20, 0x03, 0x49, 0x0d, 0x00, // br_if 0 (p < end)
    0x0b, // end loop
    0x0b, // end block
    0x20, 0x02, // return s
    0x0b,
  ];
  const body = [...uleb(code.length), ...code];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f]), // type: (i32 i32) -> i32
    ...section(3, [0x01, 0x00]), // function 0 has type 0
    ...section(5, [0x01, 0x00, 0x01]), // memory: min 1 page, no max
    ...section(7, [0x02, ...str('run'), 0x00, 0x00, ...str('mem'), 0x02, 0x00]),
    ...section(10, [0x01, ...body]),
  ]);
}

function sleb(n) {
  // small non-negative constants only
  return n < 64 ? [n] : uleb(n);
}

// A tiny DFA: tracks "inside a run of digits / word / after @", 8 states, 8 byte classes.
function fillTables(mem) {
  const cls = new Uint8Array(mem.buffer, CLASS_AT, 256);
  for (let b = 0; b < 256; b++) {
    cls[b] =
      b >= 48 && b <= 57 ? 1 // digit
      : (b >= 65 && b <= 90) || (b >= 97 && b <= 122) ? 2 // letter
      : b === 64 ? 3 // @
      : b === 46 ? 4 // .
      : b === 45 || b === 95 ? 5 // - _
      : b === 32 || b === 10 || b === 9 ? 6 // space
      : b >= 128 ? 7 // non-ASCII
      : 0;
  }
  const t = new Uint8Array(mem.buffer, TABLE_AT, STATES * COLS);
  for (let s = 0; s < STATES; s++) {
    for (let c = 0; c < COLS; c++) {
      let next = 0;
      if (c === 1) next = s >= 1 && s <= 3 ? s + 1 : 1; // digit runs
      else if (c === 2) next = s === 5 || s === 6 ? 6 : 4; // word, or domain after @
      else if (c === 3) next = s === 4 ? 5 : 0;
      else if (c === 4 || c === 5) next = s === 6 ? 6 : s === 4 ? 4 : 0;
      else if (c === 7) next = 7;
      t[s * COLS + c] = next;
    }
  }
}

let run;
let mem;
let view;
const encoder = new TextEncoder();

function scan(text) {
  const need = INPUT_AT + text.length * 3;
  if (need > mem.buffer.byteLength) {
    mem.grow(Math.ceil((need - mem.buffer.byteLength) / 65536));
    view = new Uint8Array(mem.buffer);
  }
  const { written } = encoder.encodeInto(text, view.subarray(INPUT_AT));
  return run(INPUT_AT, written);
}

export default {
  name: 'one-pass limit (bare WASM table loop)',
  async setup() {
    const { instance } = await WebAssembly.instantiate(loopModuleBytes());
    run = instance.exports.run;
    mem = instance.exports.mem;
    view = new Uint8Array(mem.buffer);
    fillTables(mem);
  },
  // Not a redactor: returns the text unchanged after the pass (its result is the final DFA state).
  redact(text) {
    scan(text);
    return text;
  },
  scan,
  detector: false,
};
