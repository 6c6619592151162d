// The WASM boundary of the safety classifier's linear model (assembly/safety/model.ts): part of
// the one layer that touches WASM memory, next to wasm.ts. One instance of the scanner module
// holds the weights; text goes in as UTF-8, sums and word spans come out.

interface ModelExports {
  memory: WebAssembly.Memory;
  modelLayout(weightBytes: number, windowBytes: number): void;
  modelWeightsPtr(): number;
  modelWindow(bytes: number): number;
  modelWindowBytes(len: number, ids: boolean): number;
  modelIdsPtr(len: number): number;
  modelFeatures(len: number): number;
  modelScore(len: number): number;
  modelBits(): number;
  modelCodesPtr(): number;
  modelCheck(len: number, units: number): number;
  modelUnknownUnit(): number;
  modelSpaceRuns(): number;
  modelSpacesPtr(len: number): number;
  modelFeatureCount(): number;
  modelTopCount(): number;
  modelTopPtr(): number;
  modelTopStart(i: number): number;
  modelTopEnd(i: number): number;
  modelTopWeight(i: number): number;
  modelUtf16(byte: number): number;
  modelUtf16From(fromByte: number, fromUnits: number, byte: number): number;
}

/** A word of the text and the sum of its features' stored weights. */
export interface ModelWord {
  /** UTF-16 offsets into the text scored. */
  start: number;
  end: number;
  weight: number;
}

export interface ModelScore {
  /** Sum of the stored weights of every feature occurrence. */
  sum: number;
  /** Feature occurrences (the sum is normalised by its square root). */
  features: number;
  top: ModelWord[];
}

const encoder = new TextEncoder();
const INITIAL_WINDOW = 64 * 1024;

export class WasmSafetyModel {
  private readonly x: ModelExports;
  private codesLoaded = false;
  /** What check() left in the window when the text was its own normal form. */
  private checked: { len: number; units: number } | undefined;

  /** `weights`: 2^bits signed bytes, or none for an instance that only extracts features (training). */
  constructor(
    module: WebAssembly.Module,
    bits: number,
    weights?: Int8Array,
  ) {
    this.x = new WebAssembly.Instance(module, {}).exports as unknown as ModelExports;
    // The table size is compiled into the model (its hash shift is a constant): the weights must match it.
    if (bits !== this.x.modelBits()) throw new TypeError(`model weights are for 2^${bits} features; this build's model has 2^${this.x.modelBits()}: retrain (npm run train)`);
    this.x.modelLayout(weights ? 1 << bits : 0, INITIAL_WINDOW);
    if (weights) {
      if (weights.length !== 1 << bits) throw new TypeError('model weights must be 2^bits bytes');
      new Int8Array(this.x.memory.buffer, this.x.modelWeightsPtr(), weights.length).set(weights);
    }
  }

  /** Writes `text` as UTF-8 at the window's start, with the room the model needs after it (`ids`: for training's feature ids). */
  private put(text: string, ids: boolean): number {
    const room = text.length * 3;
    const base = this.x.modelWindow(this.x.modelWindowBytes(room, ids));
    const { written } = encoder.encodeInto(text, new Uint8Array(this.x.memory.buffer, base, room));
    return written;
  }

  score(text: string): ModelScore {
    return this.scoreWindow(this.put(text, false), text.length);
  }

  /**
   * The normaliser's check (normalize.ts quickScan), run on the UTF-8 of `text`, which stays in the
   * window: `found` as quickScan's (0: the text's normal form is its lower case, and scoreChecked()
   * scores it from these bytes), -1 when the normaliser must decide (`stoppedAt`: the unit that
   * made the check stop, a unit that is not plain or U+FFFD for one it does not judge). `code(unit)`
   * gives the normaliser's code of a UTF-16 unit, asked once per unit the module has not seen.
   */
  check(text: string, code: (unit: number) => number): { found: number; spaces: number[]; stoppedAt: number } {
    const x = this.x;
    const len = this.put(text, false);
    if (!this.codesLoaded) {
      const codes = new Uint8Array(x.memory.buffer, x.modelCodesPtr(), 128);
      for (let u = 0; u < 128; u++) codes[u] = code(u);
      this.codesLoaded = true;
    }
    let found = x.modelCheck(len, text.length);
    while (found === -2) {
      const unit = x.modelUnknownUnit();
      new Uint8Array(x.memory.buffer)[x.modelCodesPtr() + unit] = code(unit);
      found = x.modelCheck(len, text.length);
    }
    const spaces: number[] = [];
    if (found >= 0) {
      const runs = x.modelSpaceRuns();
      if (runs > 0) {
        const pairs = new Uint32Array(x.memory.buffer, x.modelSpacesPtr(len), runs * 2);
        for (let i = 0; i < pairs.length; i++) spaces.push(pairs[i]);
      }
    }
    this.checked = found === 0 ? { len, units: text.length } : undefined;
    return { found, spaces, stoppedAt: found === -1 ? x.modelUnknownUnit() : -1 };
  }

  /** The score of the text check() last found to be its own normal form (but for case), from the bytes it left in the window. */
  scoreChecked(): ModelScore {
    if (!this.checked) throw new Error('scoreChecked: no text checked to be its own normal form');
    const { len, units } = this.checked;
    this.checked = undefined;
    return this.scoreWindow(len, units);
  }

  private scoreWindow(len: number, units: number): ModelScore {
    const x = this.x;
    const sum = x.modelScore(len);
    const count = x.modelTopCount();
    const top: ModelWord[] = [];
    if (count > 0) {
      // One view of the block (starts, ends, weights; three of each), not three calls a word.
      const block = new Int32Array(x.memory.buffer, x.modelTopPtr(), 9);
      for (let i = 0; i < count; i++) top.push({ start: block[i], end: block[3 + i], weight: block[6 + i] });
    }
    if (len !== units && count > 0) {
      // Byte offsets to UTF-16 ones, in increasing order: one pass over the text for all of them.
      const offsets = [...new Set(top.flatMap((w) => [w.start, w.end]))].sort((a, b) => a - b);
      const units = new Map<number, number>();
      let byte = 0;
      let unit = 0;
      for (const o of offsets) {
        unit = x.modelUtf16From(byte, unit, o);
        byte = o;
        units.set(o, unit);
      }
      for (const w of top) {
        w.start = units.get(w.start)!;
        w.end = units.get(w.end)!;
      }
    }
    return { sum, features: x.modelFeatureCount(), top };
  }

  /** Feature ids of `text`: its 4-grams in order, then its words' (training uses them to fit the weights). */
  features(text: string): Uint32Array {
    this.checked = undefined;
    const len = this.put(text, true);
    const count = this.x.modelFeatures(len);
    return new Uint32Array(this.x.memory.buffer, this.x.modelIdsPtr(len), count).slice();
  }
}
