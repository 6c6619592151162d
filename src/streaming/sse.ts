// Server-sent events out of a Worker: a response whose body the handler keeps writing after it
// returned, and that notices when the client goes away (the body is cancelled) so the work
// behind it stops too.

const encoder = new TextEncoder();

export interface SseEvent {
  id?: string;
  event?: string;
  /** Serialised as JSON on one `data:` line. */
  data: unknown;
}

/** One event in the text/event-stream format. JSON never contains a raw newline, so one data line suffices. */
export function formatEvent(e: SseEvent): string {
  let out = '';
  if (e.id !== undefined) out += `id: ${e.id}\n`;
  if (e.event !== undefined) out += `event: ${e.event}\n`;
  return `${out}data: ${typeof e.data === 'string' ? e.data : JSON.stringify(e.data)}\n\n`;
}

/** Events queued before the writer waits for the client to read (backpressure). */
const QUEUED_EVENTS = 16;

export class SseChannel {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  private readonly aborter = new AbortController();
  private closed = false;
  private drained: (() => void) | null = null;
  readonly response: Response;

  constructor(headers: Record<string, string> = {}) {
    // A pull source rather than a TransformStream: cancel() says the client left, pull() that it
    // read, and nothing rejects behind the handler's back when it is gone.
    const body = new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          this.controller = controller;
        },
        pull: () => this.wake(),
        cancel: () => {
          this.aborter.abort();
          this.wake();
        },
      },
      { highWaterMark: QUEUED_EVENTS },
    );
    this.response = new Response(body, {
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no', ...headers },
    });
  }

  /** Aborted when the client is gone: pass it to upstream fetches and loops. */
  get signal(): AbortSignal {
    return this.aborter.signal;
  }

  get gone(): boolean {
    return this.aborter.signal.aborted;
  }

  private wake(): void {
    const resolve = this.drained;
    this.drained = null;
    resolve?.();
  }

  /** Writes raw text; false once the client is gone (never throws). */
  async write(text: string): Promise<boolean> {
    if (this.gone || this.closed) return false;
    try {
      this.controller.enqueue(encoder.encode(text));
    } catch {
      this.aborter.abort();
      return false;
    }
    if ((this.controller.desiredSize ?? 1) <= 0) await new Promise<void>((resolve) => (this.drained = resolve));
    return !this.gone;
  }

  send(e: SseEvent): Promise<boolean> {
    return this.write(formatEvent(e));
  }

  close(): void {
    if (this.gone || this.closed) return;
    this.closed = true;
    try {
      this.controller.close();
    } catch {
      this.aborter.abort();
    }
  }
}
