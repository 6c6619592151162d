// Path and query parameters, checked before they reach storage.
import type { Context } from 'hono';
import { ApiError, badRequest, notFound } from '../errors.js';

const ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** An id from the path; a malformed one cannot exist, so it is a 404 like any unknown id. */
export function idParam(c: Context, name = 'id', what = 'guardrail'): string {
  const id = c.req.param(name) ?? '';
  if (!ID.test(id)) throw notFound(what);
  return id;
}

export function versionParam(c: Context): number {
  const v = c.req.param('version') ?? '';
  if (!/^[1-9]\d{0,8}$/.test(v)) throw notFound('version');
  return Number(v);
}

export function pageParams(c: Context): { cursor: number; limit: number } {
  const cursor = c.req.query('cursor') ?? '0';
  const limit = c.req.query('limit') ?? '20';
  if (!/^\d{1,12}$/.test(cursor)) throw badRequest('cursor: must be a cursor returned as nextCursor', 'cursor');
  if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > 100) throw badRequest('limit: must be an integer from 1 to 100', 'limit');
  return { cursor: Number(cursor), limit: Number(limit) };
}

/** `If-Match: "3"` (quotes optional, weak prefix tolerated): the version the writer last read. */
export function ifMatchVersion(c: Context): number {
  const header = c.req.header('if-match');
  if (header === undefined) throw new ApiError(428, 'precondition_required', 'If-Match: "<latestVersion>" is required to update a guardrail');
  const m = /^(?:W\/)?"?([1-9]\d{0,8})"?$/.exec(header.trim());
  if (!m) throw badRequest('If-Match: must be the latest version number in quotes, e.g. "3"', 'If-Match');
  return Number(m[1]);
}

export function flag(c: Context, name: string): boolean {
  const v = c.req.query(name);
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === '' || v === 'true' || v === '1') return true;
  throw badRequest(`${name}: must be true or false`, name);
}
