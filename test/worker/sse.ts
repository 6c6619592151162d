// Reads a text/event-stream body with a real SSE parser (the one the Vercel AI SDK uses).
import { type EventSourceMessage, createParser } from 'eventsource-parser';

export interface ParsedEvent {
  id?: string;
  event?: string;
  data: any;
}

/** Every event of a body, data parsed as JSON; stops after `limit` events when given (then cancels). */
export async function readEvents(body: ReadableStream<Uint8Array>, limit = Infinity): Promise<ParsedEvent[]> {
  const events: ParsedEvent[] = [];
  const parser = createParser({
    onEvent: (e: EventSourceMessage) => events.push({ id: e.id, event: e.event, data: e.data === '[DONE]' ? e.data : JSON.parse(e.data) }),
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.feed(decoder.decode(value, { stream: true }));
    if (events.length >= limit) {
      await reader.cancel();
      return events.slice(0, limit);
    }
  }
  return events;
}
