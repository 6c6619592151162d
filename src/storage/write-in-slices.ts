// Batches are written a slice at a time, each slice its own transaction, with a pause between
// slices in which other work queued on the thread runs. A Durable Object shares its thread with
// other objects (and, running locally, with the gateway itself): a batch of a hundred rows written
// in one synchronous stretch holds every request queued behind it for several milliseconds.
import { yieldThread } from '../yield-thread.js';

/** Rows per transaction: a slice of observation rows takes well under a millisecond to write. */
export const ROWS_PER_SLICE = 16;

/** `items` in slices of at most `size`, the thread yielded before every slice after the first. */
export async function* slicesYielding<T>(items: readonly T[], size = ROWS_PER_SLICE): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldThread();
    yield items.slice(i, i + size);
  }
}

/**
 * Writes `rows` with `write`, one transaction per slice, yielding the thread between slices. A
 * slice is all or nothing; a batch is not (an object stopped half-way keeps the slices written).
 */
export async function writeInSlices<T>(storage: DurableObjectStorage, rows: readonly T[], write: (row: T) => void, size = ROWS_PER_SLICE): Promise<void> {
  for await (const slice of slicesYielding(rows, size)) {
    storage.transactionSync(() => {
      for (const row of slice) write(row);
    });
  }
}
