import { Hono } from 'hono';
import { authenticate, requireScope } from './auth/authenticate.js';
import { seedDemo } from './demo.js';
import { ApiError } from './errors.js';
import type { AppEnv } from './env.js';
import { entityRoutes } from './routes/entities.js';
import { assignedEvaluateRoutes, guardrailEvaluateRoutes } from './routes/evaluate.js';
import { guardrailRoutes } from './routes/guardrails.js';
import { keyRoutes } from './routes/keys.js';
import { docsRoutes } from './routes/docs.js';
import { scanRoutes } from './routes/scan.js';
import { auditRoutes } from './routes/audit.js';
import { feedbackRoutes } from './routes/feedback.js';
import { guardrailMetricsRoutes, prometheusRoutes } from './routes/metrics.js';
import { webhookRoutes } from './routes/webhooks.js';
import { guardrailStreamRoutes } from './routes/stream.js';
import { chatCompletionRoutes } from './routes/chat-completions.js';

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route('/', docsRoutes);
  // When the request arrived: the start of the wall time metrics record (docs/scaling.md on clocks).
  app.use('/v1/*', async (c, next) => {
    c.set('receivedAt', performance.now());
    await next();
  });
  app.use('/v1/*', async (c, next) => {
    if (c.env.CORDON_SEED_DEMO === 'true') await seedDemo(c.env, c.env.CORDON_ADMIN_TENANT || 'default');
    await next();
  });
  app.use('/v1/*', authenticate);
  app.route('/v1/entities', entityRoutes);
  app.use('/v1/scan', requireScope('evaluate'));
  app.route('/v1/scan', scanRoutes);
  app.route('/v1/guardrails', guardrailRoutes);
  app.route('/v1/guardrails', guardrailEvaluateRoutes);
  app.route('/v1/guardrails', guardrailMetricsRoutes);
  app.route('/v1/evaluate', assignedEvaluateRoutes);
  app.route('/v1/evaluations', feedbackRoutes);
  app.route('/v1/metrics', prometheusRoutes);
  app.route('/v1/audit', auditRoutes);
  app.route('/v1/webhooks', webhookRoutes);
  app.route('/v1/guardrails', guardrailStreamRoutes);
  app.route('/v1/chat', chatCompletionRoutes);
  app.route('/v1/keys', keyRoutes);
  app.notFound(() => new ApiError(404, 'not_found', 'no such route').toResponse());
  app.onError((err) => {
    if (err instanceof ApiError) return err.toResponse();
    // The reason goes to the log, never to the caller: it may quote input.
    console.error('unhandled error', err instanceof Error ? err.name : typeof err);
    return new ApiError(500, 'internal_error', 'internal error').toResponse();
  });
  return app;
}
