// Shapes of the scanner's WASM exports and of what it reports (see assembly/). Types only: the
// one module that touches WASM memory is wasm.ts.

export interface ScannerExports {
  memory: WebAssembly.Memory;
  layout(tablesLen: number, records: number, recordBytes: number, windowBytes: number): void;
  tablesPtr(): number;
  addGroup(dfa: number): number;
  missedGroup(): number;
  missedState(): number;
  missedColumn(): number;
  groupState(g: number): number;
  setGroupState(g: number, state: number): void;
  resetStream(): void;
  restart(): void;
  trackHold(on: number): void;
  setPatternTables(meta: number, state: number, count: number): void;
  setFinal(final: number): void;
  replayReport(p: number, end: number): number;
  retryPending(p: number): number;
  recordCount(): number;
  contextPtr(): number;
  contextBytes(): number;
  saveContext(): void;
  loadContext(): void;
  growWindow(bytes: number): void;
  windowStart(): number;
  windowLength(): number;
  windowPtr(): number;
  outPtr(): number;
  reserve(n: number): number;
  commit(n: number): void;
  scan(): number;
  scanDone(): number;
  finish(): number;
  holdFrom(): number;
  discardBefore(offset: number): void;
  utf16Units(from: number, to: number): number;
  toUtf16Offsets(ptr: number, count: number, from: number, fromUnits: number): void;
  verifyWork(): number;
  entropy(ptr: number, len: number): number;
  hmacSha256(keyPtr: number, keyLen: number, msgPtr: number, msgLen: number, outPtr: number): void;
}

/** What the scanner tells JS (assembly/resolve.ts); offsets are stream byte offsets. */
export const enum RecordKind {
  /** A validated value of pattern p: [a, b). */
  Candidate = 1,
  /** p's match from a may still grow: decided on a later push. */
  Pending = 2,
  /** p matched up to a while pending: replayed once the pending match is decided. */
  Report = 3,
  /** Flag on a Candidate: a context word of its detector ends shortly before the value. */
  WithContext = 0x10,
}

/** Context-word lists the scanner keeps (assembly/resolve.ts CONTEXT_LISTS) and ends per list. */
export const CONTEXT_LISTS = 64;
export const CONTEXT_KEPT = 4;

export type RecordSink = (kind: RecordKind, pattern: number, a: number, b: number) => void;

/** How the scanner treats each pattern (global id), beyond its automata. */
export interface PatternMeta {
  validator: number;
  feedsContext: boolean;
  /** The context-word list this pattern feeds (feedsContext) or consults, below CONTEXT_LISTS. */
  contextList?: number;
  /** Global id of the pattern whose longest match from the start is not part of the value. */
  lead?: number;
  /** Literal suffix that is not part of the value. */
  trail?: Uint8Array;
}
