// Reading the automata that src/scan/compiler/serialize.ts (per pattern) and src/scan/wasm.ts (the
// lazy scanning automata) write. Header words (u32, LE): 0 stride, 3 first match state, 4 end of
// match states, 5-7 start state per context (line, word, other), 8 end-of-input column,
// 11 transitions offset; lazy tables add 12 age column, 13 list column, 14 lists, 15 pattern base.
// Classes (byte -> column) sit at +64. State ids are premultiplied by the stride, so a step is
//   state = trans[state + class[byte]].

export const CLASSES: usize = 64;

@inline export function matchLo(dfa: usize): u32 { return load<u32>(dfa, 12); }
@inline export function matchHi(dfa: usize): u32 { return load<u32>(dfa, 16); }
@inline export function eotColumn(dfa: usize): u32 { return load<u32>(dfa, 32); }
@inline export function transitions(dfa: usize): usize { return dfa + <usize>load<u32>(dfa, 44); }

/** Start state for the context left by the byte before (0 line start / text start, 1 word, 2 other). */
@inline export function startState(dfa: usize, ctx: u32): u32 {
  return load<u32>(dfa + 20 + (<usize>ctx << 2));
}

/** The context a byte leaves for ^, $ and \b: newline, ASCII word byte, or anything else. */
@inline export function contextOf(b: u32): u32 {
  if (b == 0x0a) return 0;
  const lower = b | 0x20;
  const word = (b - 0x30 < 10) || (lower - 0x61 < 26) || b == 0x5f;
  return word ? 1 : 2;
}

@inline export function step(dfa: usize, state: u32, b: u32): u32 {
  const column = <u32>load<u8>(dfa + CLASSES + <usize>b);
  return load<u32>(transitions(dfa) + (<usize>(state + column) << 2));
}

@inline export function isMatch(dfa: usize, state: u32): bool {
  return state - matchLo(dfa) < matchHi(dfa) - matchLo(dfa);
}
