// Linear memory layout, fixed once per instance (one instance per compiled scanner):
//   [static data][tables: compiled automata, written once by JS][output records][window: input bytes]
// The window is the only region that grows; nothing is allocated on the hot path.

export let tablesBase: usize = 0;
export let outBase: usize = 0;
export let outCapacity: u32 = 0; // in records
export let windowBase: usize = 0;
export let windowCapacity: u32 = 0;

const PAGE: usize = 65536;

function ensureMemory(end: usize): void {
  const have = (<usize>memory.size()) * PAGE;
  if (end > have) {
    const pages = <i32>((end - have + PAGE - 1) / PAGE);
    if (memory.grow(pages) < 0) unreachable();
  }
}

/** Lays out memory for `tablesLen` bytes of tables and `records` output records of RECORD_BYTES each. */
export function layout(tablesLen: u32, records: u32, recordBytes: u32, windowBytes: u32): void {
  tablesBase = (__heap_base + 15) & ~(<usize>15);
  outBase = (tablesBase + <usize>tablesLen + 15) & ~(<usize>15);
  outCapacity = records;
  windowBase = (outBase + <usize>(records * recordBytes) + 15) & ~(<usize>15);
  windowCapacity = 0;
  growWindow(windowBytes);
}

/** Makes the window hold at least `bytes` bytes. */
export function growWindow(bytes: u32): void {
  if (bytes <= windowCapacity) return;
  ensureMemory(windowBase + <usize>bytes);
  windowCapacity = bytes;
}
