// Minimal loader for build/scanner.wasm that talks to the raw exports, for tests of the AssemblyScript
// side in isolation (no compiler, no catalog). Build the module first: npm run build:wasm.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RawExports {
  memory: WebAssembly.Memory;
  layout(tablesLen: number, records: number, recordBytes: number, windowBytes: number): void;
  scratch(len: number): number;
  validate(kind: number, ptr: number, len: number): number;
  entropy(ptr: number, len: number): number;
  hmacSha256(keyPtr: number, keyLen: number, msgPtr: number, msgLen: number, outPtr: number): void;
}

// @cloudflare/workers-types declares WebAssembly.Module abstract (Workers forbid compiling at run
// time); in Node the synchronous constructor exists, so restore its type here.
const WasmModule = WebAssembly.Module as unknown as new (bytes: Uint8Array) => WebAssembly.Module;

const WASM_PATH = fileURLToPath(new URL('../../build/scanner.wasm', import.meta.url));

export class RawScanner {
  readonly x: RawExports;
  private readonly encoder = new TextEncoder();

  constructor(path: string = WASM_PATH) {
    const instance = new WebAssembly.Instance(new WasmModule(readFileSync(path)), {});
    this.x = instance.exports as unknown as RawExports;
    // The window sits after static data only once layout() has run; before that it starts at 0.
    this.x.layout(0, 0, 16, 1 << 16);
  }

  /** A fresh view each time: growing memory detaches the old ArrayBuffer. */
  bytes(ptr: number, len: number): Uint8Array {
    return new Uint8Array(this.x.memory.buffer, ptr, len);
  }

  /** Writes `data` into the scratch window and returns [ptr, len]. */
  put(data: string | Uint8Array): [number, number] {
    if (typeof data === 'string') {
      const cap = data.length * 3;
      const ptr = this.x.scratch(Math.max(cap, 1));
      const { written } = this.encoder.encodeInto(data, this.bytes(ptr, cap));
      return [ptr, written];
    }
    const ptr = this.x.scratch(Math.max(data.length, 1));
    this.bytes(ptr, data.length).set(data);
    return [ptr, data.length];
  }

  validate(kind: number, value: string | Uint8Array): boolean {
    const [ptr, len] = this.put(value);
    return this.x.validate(kind, ptr, len) === 1;
  }

  entropy(value: string | Uint8Array): number {
    const [ptr, len] = this.put(value);
    return this.x.entropy(ptr, len);
  }

  hmacSha256(key: Uint8Array, msg: Uint8Array): Uint8Array {
    const total = key.length + msg.length + 32;
    const ptr = this.x.scratch(total);
    const mem = this.bytes(ptr, total);
    mem.set(key, 0);
    mem.set(msg, key.length);
    const out = ptr + key.length + msg.length;
    this.x.hmacSha256(ptr, key.length, ptr + key.length, msg.length, out);
    return this.bytes(out, 32).slice();
  }
}
