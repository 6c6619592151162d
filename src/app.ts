import { Hono } from 'hono';
import { ApiError } from './errors.js';
import type { AppEnv } from './env.js';
import { entityRoutes } from './routes/entities.js';
import { scanRoutes } from './routes/scan.js';

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/v1/entities', entityRoutes);
  app.route('/v1/scan', scanRoutes);
  app.get('/', (c) => c.json({ name: 'cordon', endpoints: ['GET /v1/entities', 'POST /v1/scan'] }));
  app.notFound(() => new ApiError(404, 'not_found', 'no such route').toResponse());
  app.onError((err) => {
    if (err instanceof ApiError) return err.toResponse();
    // The reason goes to the log, never to the caller: it may quote input.
    console.error('unhandled error', err instanceof Error ? err.name : typeof err);
    return new ApiError(500, 'internal_error', 'internal error').toResponse();
  });
  return app;
}
