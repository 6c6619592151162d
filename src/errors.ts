import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error shape on the wire: `{ error: { code, message, details? } }`. Messages name the
 * offending field and never echo the submitted text or secrets.
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(status, { message });
  }

  toResponse(): Response {
    const body = { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
    const headers: Record<string, string> = {};
    if (typeof this.details?.retryAfter === 'number') headers['retry-after'] = String(this.details.retryAfter);
    return Response.json(body, { status: this.status, headers });
  }
}

export const badRequest = (message: string, path: string, extra: Record<string, unknown> = {}) =>
  new ApiError(400, 'invalid_request', message, { path, ...extra });

export const tooLarge = (message: string, limit: number) => new ApiError(413, 'payload_too_large', message, { limit });

export const notFound = (what: string) => new ApiError(404, 'not_found', `no such ${what}`);
