import type { Context } from 'hono';
import { ApiError, badRequest, tooLarge } from '../errors.js';

/**
 * Reads a JSON body no larger than `limit` bytes. The size is checked while reading, so a lying
 * or missing Content-Length cannot make the Worker buffer more than the limit.
 */
export async function readJsonBody(c: Context, limit: number): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Content-Type must be application/json');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > limit) throw tooLarge(`request body over ${limit} bytes`, limit);
  const body = c.req.raw.body;
  if (!body) throw badRequest('request body is empty', '');
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(`request body over ${limit} bytes`, limit);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.byteLength;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw badRequest('request body is not valid JSON', '');
  }
}
