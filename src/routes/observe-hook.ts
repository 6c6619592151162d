// The routes' one call into observability: a finished evaluation goes to metrics, audit and
// webhooks after the response (waitUntil), and nothing it does can reach the caller.
import type { Context } from 'hono';
import type { AppEnv } from '../env.js';
import { observeEvaluation } from '../observe/observe-evaluation.js';
import type { Message } from '../policy/evaluate.js';
import type { EvaluationResult } from './evaluation.js';

/** Counts a finished evaluation after the response (metrics, audit, webhooks); never for /test. */
export function observe(c: Context<AppEnv>, input: { text?: string; messages?: Message[] }, result: EvaluationResult): void {
  const auth = c.get('auth');
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = (p) => ctx.waitUntil(p);
  } catch {
    // No execution context (called outside a Worker, e.g. app.request in a script): let it float.
    waitUntil = () => undefined;
  }
  observeEvaluation({ env: c.env, waitUntil, tenant: auth.tenant, actor: auth.keyId, receivedAt: c.get('receivedAt') ?? performance.now(), input }, result);
}

