// Per-isolate batching: items wait in memory until the batch is big or old, then go out in one
// send. The request that starts a batch (its timer runs in that request) and the one that fills
// it (the send starts there) keep the isolate alive (waitUntil) until it is sent; the requests in
// between need not: one request held open per batch, not every request of the second, each of
// which the runtime would otherwise keep and then tear down together when the batch goes. Nothing
// waits on the response path. Best effort by design: an isolate that is evicted before the flush
// loses its batch (docs/scaling.md says what that means for the audit trail).

export interface BatcherOptions<T> {
  /** Send at once when this many items wait. */
  maxItems: number;
  /** Send at the latest this long after the first item of a batch arrived. */
  maxAgeMs: number;
  /** Items beyond this are dropped (and counted) while sends are failing or slow. */
  maxQueued: number;
  send(items: T[]): Promise<void>;
}

export class Batcher<T> {
  private items: T[] = [];
  private timer: Promise<void> | undefined;
  private inFlight = 0;
  /** Items dropped because the queue was full (reported in the log when it happens). */
  dropped = 0;

  constructor(private readonly options: BatcherOptions<T>) {}

  /**
   * Queues an item. Returns the send that will carry it when this call started the batch or
   * filled it (the caller keeps the isolate alive until it settles; it never rejects), null when
   * an earlier call already holds the batch or the item was dropped.
   */
  add(item: T): Promise<void> | null {
    if (this.items.length + this.inFlight >= this.options.maxQueued) {
      this.dropped++;
      if (this.dropped === 1 || this.dropped % 1000 === 0) console.error('observe: queue full, observations dropped', this.dropped);
      return null;
    }
    this.items.push(item);
    if (this.items.length >= this.options.maxItems) return this.flush();
    if (this.timer) return null;
    this.timer = new Promise<void>((resolve) => setTimeout(resolve, this.options.maxAgeMs)).then(() => this.flush());
    return this.timer;
  }

  /** Sends what waits now. */
  flush(): Promise<void> {
    const batch = this.items;
    this.items = [];
    this.timer = undefined;
    if (batch.length === 0) return Promise.resolve();
    this.inFlight += batch.length;
    return this.options
      .send(batch)
      .catch((e) => console.error('observe: batch send failed', e instanceof Error ? e.name : typeof e))
      .finally(() => {
        this.inFlight -= batch.length;
      });
  }

  get waiting(): number {
    return this.items.length;
  }
}
