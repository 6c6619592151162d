// UTF-8 byte offsets to UTF-16 code-unit offsets, for the few offsets findings have.
import { windowPtr, windowStart } from './scanner';

/**
 * UTF-16 code units encoded by the window bytes [from, to) (stream offsets): every byte that is
 * not a continuation byte starts a character (one unit), and a 4-byte lead adds the second unit
 * of a surrogate pair. Sixteen bytes at a time.
 */
export function utf16Units(from: u32, to: u32): u32 {
  let units: u32 = 0;
  let p = windowPtr() + <usize>(from - windowStart());
  const end = windowPtr() + <usize>(to - windowStart());
  const top = i8x16.splat(<i8>0xc0);
  const cont = i8x16.splat(<i8>0x80);
  const four = i8x16.splat(<i8>0xef);
  while (p + 16 <= end) {
    const v = v128.load(p);
    const isCont = i8x16.bitmask(i8x16.eq(v128.and(v, top), cont));
    const isFour = i8x16.bitmask(i8x16.gt_u(v, four));
    units += 16 - <u32>popcnt<i32>(isCont) + <u32>popcnt<i32>(isFour);
    p += 16;
  }
  while (p < end) {
    const b = <u32>load<u8>(p);
    units += <u32>((b & 0xc0) != 0x80) + <u32>(b >= 0xf0);
    p++;
  }
  return units;
}

/**
 * Converts `count` ascending stream byte offsets at `ptr` into UTF-16 offsets, in place, counting
 * from `from` (whose UTF-16 offset is `fromUnits`). One pass however many offsets.
 */
export function toUtf16Offsets(ptr: usize, count: u32, from: u32, fromUnits: u32): void {
  let at = from;
  let units = fromUnits;
  for (let k: u32 = 0; k < count; k++) {
    const o = load<u32>(ptr + (<usize>k << 2));
    units += utf16Units(at, o);
    at = o;
    store<u32>(ptr + (<usize>k << 2), units);
  }
}
