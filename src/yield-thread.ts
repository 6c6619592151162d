// Work that must not delay what is already waiting for the thread (a response being written,
// another request) continues in a later turn of the event loop. A resolved promise is not
// enough: its continuation runs before any queued I/O.

/** Resumes after whatever else was waiting for the thread. */
export function yieldThread(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
