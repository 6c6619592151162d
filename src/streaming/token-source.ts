// The tokens of a streamed request body, read as they arrive: NDJSON lines `{ "token": "..." }`,
// or, for text/plain, each chunk the network delivers. Nothing is buffered beyond one line.

export class TokenInputError extends Error {
  constructor(
    readonly code: 'malformed_chunk' | 'chunk_too_large' | 'stream_too_large',
    message: string,
  ) {
    super(message);
  }
}

export const TOKEN_LIMITS = {
  /** Characters of one token (an NDJSON line is bounded at four times this in bytes). */
  tokenChars: 64 * 1024,
  /** Characters of a whole stream. */
  streamChars: 8 * 1024 * 1024,
} as const;

export type BodyFormat = 'ndjson' | 'text';

/** `ndjson` for application/x-ndjson (also application/jsonl, application/json), `text` for text/plain. */
export function bodyFormat(contentType: string | undefined): BodyFormat | null {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/json' || type === 'application/ndjson') return 'ndjson';
  if (type === 'text/plain') return 'text';
  return null;
}

export async function* readTokens(body: ReadableStream<Uint8Array>, format: BodyFormat): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  const count = (token: string) => {
    total += token.length;
    if (token.length > TOKEN_LIMITS.tokenChars) throw new TokenInputError('chunk_too_large', `a token is over ${TOKEN_LIMITS.tokenChars} characters`);
    if (total > TOKEN_LIMITS.streamChars) throw new TokenInputError('stream_too_large', `the stream is over ${TOKEN_LIMITS.streamChars} characters`);
    return token;
  };
  let line = 0;
  let pending = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      if (format === 'text') {
        if (text.length > 0) yield count(text);
      } else {
        pending += text;
        let nl: number;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const raw = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          line++;
          const token = parseLine(raw, line);
          if (token !== null) yield count(token);
        }
        if (pending.length > TOKEN_LIMITS.tokenChars * 4) throw new TokenInputError('chunk_too_large', `line ${line + 1} is over ${TOKEN_LIMITS.tokenChars * 4} characters`);
        if (done && pending.trim() !== '') {
          const token = parseLine(pending, ++line);
          if (token !== null) yield count(token);
        }
      }
      if (done) return;
    }
  } finally {
    // Stopped early (an error, a block, a gone client): stop reading the body too.
    reader.cancel().catch(() => {});
  }
}

/** A token, or null for a blank line. Messages name the line and the rule, never the content. */
function parseLine(raw: string, line: number): string | null {
  if (raw.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new TokenInputError('malformed_chunk', `line ${line}: not valid JSON (expected {"token": "..."})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { token?: unknown }).token !== 'string') {
    throw new TokenInputError('malformed_chunk', `line ${line}: expected an object with a string "token"`);
  }
  return (value as { token: string }).token;
}
