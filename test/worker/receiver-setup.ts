// A real HTTP webhook receiver on 127.0.0.1 for the worker project (runs in Node, beside workerd).
// POST /hooks/<name>?fail=<n|always>[&status=<code>] answers `status` (default 500) to the first n
// requests for that name (or to all), then 200; `hold=<ms>` answers that much later (a delivery
// stays in flight). GET /received/<name> lists what arrived (as soon as it arrived).
import { type IncomingMessage, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

interface Received {
  n: number;
  eventId: string | undefined;
  eventType: string | undefined;
  signature: string | undefined;
  body: string;
  answered: number;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });

export default async function setup(project: TestProject) {
  const received = new Map<string, Received[]>();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, kind, name] = url.pathname.split('/');
    if (req.method === 'GET' && kind === 'received' && name) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received.get(name) ?? []));
      return;
    }
    if (req.method !== 'POST' || kind !== 'hooks' || !name) {
      res.writeHead(404).end();
      return;
    }
    const body = await readBody(req);
    const list = received.get(name) ?? [];
    received.set(name, list);
    const fail = url.searchParams.get('fail');
    const failing = fail === 'always' || list.length < Number(fail ?? 0);
    const answered = failing ? Number(url.searchParams.get('status') ?? 500) : 200;
    list.push({
      n: list.length + 1,
      eventId: req.headers['cordon-event-id'] as string | undefined,
      eventType: req.headers['cordon-event-type'] as string | undefined,
      signature: req.headers['cordon-signature'] as string | undefined,
      body,
      answered,
    });
    const hold = Number(url.searchParams.get('hold') ?? 0);
    if (hold > 0) await new Promise((r) => setTimeout(r, hold));
    res.writeHead(answered, answered >= 300 && answered < 400 ? { location: 'http://127.0.0.1:1/elsewhere' } : {}).end(failing ? 'no' : 'ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  project.provide('receiverPort', (server.address() as AddressInfo).port);
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

declare module 'vitest' {
  export interface ProvidedContext {
    receiverPort: number;
  }
}
