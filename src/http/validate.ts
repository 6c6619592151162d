import type { z } from 'zod';
import { badRequest } from '../errors.js';

/** `a.b[2].c` from a zod issue path, for the error's `details.path`. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

/**
 * Parses with a zod schema or throws a 400 naming the first offending field and what is allowed.
 * Zod messages describe the rule, never the submitted value, so nothing the caller sent is echoed.
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issuePath([...(prefix ? [prefix] : []), ...issue.path]);
  const extra = issue.code === 'unrecognized_keys' ? { keys: issue.keys.slice(0, 10) } : {};
  return badRequestThrow(`${path || 'body'}: ${issue.message}`, path, extra);
}

function badRequestThrow(message: string, path: string, extra: Record<string, unknown>): never {
  throw badRequest(message, path, extra);
}
