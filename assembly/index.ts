// The scanner's WASM exports. Everything here works on bytes in linear memory; it knows nothing
// of strings, HTTP or configs. src/scan/wasm.ts is the only JS module that talks to it.
export { layout, growWindow } from './memory';
export { validate, entropy } from './validators/index';
import { windowBase, growWindow } from './memory';

/** A region of at least `len` bytes (the window) for one-off calls such as validator tests. */
export function scratch(len: u32): usize {
  growWindow(len);
  return windowBase;
}
