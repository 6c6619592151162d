// A mock moderation provider on 127.0.0.1 for the fallback tests (vitest globalSetup): a real
// HTTP server speaking the OpenAI moderation shape, the generic classifier shape, failures and
// delays. Its port reaches the tests through `provide`.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    providerPort: number;
  }
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

export default async function setup(project: TestProject) {
  const calls = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/calls') {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count: calls.get(url.searchParams.get('marker') ?? '') ?? 0 }));
      return;
    }
    const body = JSON.parse((await readBody(req)) || '{}') as { input?: string; text?: string };
    const text = body.input ?? body.text ?? '';
    const marker = /marker:(\w+)/.exec(text)?.[1] ?? '';
    calls.set(marker, (calls.get(marker) ?? 0) + 1);
    if (text.includes('[slow]')) await new Promise((r) => setTimeout(r, 1500));
    res.setHeader('content-type', 'application/json');
    if (url.pathname === '/v1/moderations') {
      if (req.headers.authorization !== 'Bearer test-key') {
        res.statusCode = 401;
        res.end(JSON.stringify({ error: 'bad key' }));
        return;
      }
      const flagged = text.includes('[unsafe]');
      res.end(JSON.stringify({ results: [{ flagged, category_scores: { violence: flagged ? 0.97 : 0.01, 'violence/graphic': 0.2, 'self-harm/intent': 0.03 } }] }));
    } else if (url.pathname === '/classify') {
      res.end(JSON.stringify({ scores: { harassment: text.includes('[unsafe]') ? 0.9 : 0.05 } }));
    } else {
      res.statusCode = 500;
      res.end(JSON.stringify({ error: `secret internals ${text}` }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('providerPort', (server.address() as AddressInfo).port);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
