// A mock OpenAI-compatible model on 127.0.0.1 for the proxy tests and the bench. It streams its
// answer one to three characters per chunk (sizes drawn from the request's `seed`) and records
// what it was sent and whether the client went away, per `user` tag.
//
// What it answers, from the last user message:
//   "ECHO: <text>"   answers <text>            "REPEAT: <text>" answers every user message seen, joined
//   "SLOW: <text>"   answers <text>, 30 ms between chunks (for disconnects)
//   "FAIL"           answers 500                "HANG"  never answers
//   anything else    "Hello! How can I help?"
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { modelTokens } from '../../src/client/model-tokens.js';

export interface ModelRecord {
  requests: unknown[];
  completed: number;
  aborted: number;
}

const records = new Map<string, ModelRecord>();
const recordOf = (user: string) => {
  let r = records.get(user);
  if (!r) records.set(user, (r = { requests: [], completed: 0, aborted: 0 }));
  return r;
};

function contentOf(m: { content?: unknown }): string {
  if (typeof m.content === 'string') return m.content;
  if (Array.isArray(m.content)) return m.content.map((p: { text?: string }) => p.text ?? '').join('');
  return '';
}

function answerFor(messages: Array<{ role: string; content?: unknown }>): { text: string; delay: number; fail?: 'error' | 'hang' } {
  const users = messages.filter((m) => m.role === 'user').map(contentOf);
  const last = users.at(-1) ?? '';
  if (last.startsWith('ECHO: ')) return { text: last.slice(6), delay: 0 };
  if (last.startsWith('REPEAT: ')) return { text: users.map((u) => u.replace(/^REPEAT: /, '')).join(' | '), delay: 0 };
  if (last.startsWith('SLOW: ')) return { text: last.slice(6), delay: 30 };
  if (last === 'FAIL') return { text: '', delay: 0, fail: 'error' };
  if (last === 'HANG') return { text: '', delay: 0, fail: 'hang' };
  return { text: 'Hello! How can I help?', delay: 0 };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const part of req) body += part;
  return body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/__record') {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(records.get(url.searchParams.get('user') ?? '') ?? { requests: [], completed: 0, aborted: 0 }));
    return;
  }
  if (req.method !== 'POST' || !url.pathname.endsWith('/chat/completions')) {
    res.statusCode = 404;
    res.end();
    return;
  }
  const body = JSON.parse(await readBody(req));
  const record = recordOf(String(body.user ?? ''));
  record.requests.push({ ...body, authorization: req.headers.authorization ?? null });
  const answer = answerFor(body.messages ?? []);
  if (answer.fail === 'error') {
    res.statusCode = 500;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ error: { message: 'mock failure', type: 'server_error' } }));
    return;
  }
  if (answer.fail === 'hang') return; // never answers; the client's timeout must end it
  const id = `chatcmpl-mock-${record.requests.length}`;
  const created = 1_700_000_000;
  if (!body.stream) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id, object: 'chat.completion', created, model: body.model, choices: [{ index: 0, message: { role: 'assistant', content: answer.text }, finish_reason: 'stop' }], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } }));
    record.completed++;
    return;
  }
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      closed = true;
      record.aborted++;
    }
  });
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (choices: unknown[]) => res.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices })}\n\n`);
  send([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  for (const piece of modelTokens(answer.text, Number(body.seed ?? 1))) {
    if (closed) return;
    if (answer.delay > 0) await sleep(answer.delay);
    send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  }
  if (closed) return;
  send([{ index: 0, delta: {}, finish_reason: 'stop' }]);
  res.end('data: [DONE]\n\n');
  record.completed++;
}

/** Starts the mock model; resolves with its port and a stop function. */
export async function startMockModel(port = 0): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
