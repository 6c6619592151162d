// The bench's upstream model: an OpenAI-compatible streaming endpoint on 127.0.0.1 that answers
// the last user message back, one to three characters per chunk, each chunk its own write.
import { createServer } from 'node:http';
import { modelTokens } from '../../dist/client/model-tokens.js';

/** The pieces the mock streams (src/client/model-tokens.ts, built to dist/ by `npm run build`). */
export const chunkText = modelTokens;

const tick = () => new Promise((r) => setImmediate(r));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * `intervalMs` 0 floods (each chunk after the previous write, as fast as the socket takes them:
 * for throughput); a positive interval paces chunks like a model generating tokens (for latency).
 */
export async function startBenchModel({ intervalMs = 0 } = {}) {
  /** performance.now() at each content chunk's write, by the request's seed (last request wins). */
  const sent = new Map();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const part of req) body += part;
    const request = JSON.parse(body);
    const text = request.messages.at(-1).content;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (choices) => res.write(`data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1, model: request.model, choices })}\n\n`);
    send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
    const times = [];
    sent.set(request.seed ?? 1, times);
    for (const piece of chunkText(text, request.seed ?? 1)) {
      await (intervalMs > 0 ? sleep(intervalMs) : tick());
      times.push(performance.now());
      send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
    }
    send([{ index: 0, delta: {}, finish_reason: 'stop' }]);
    res.end('data: [DONE]\n\n');
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}`, sent, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}
