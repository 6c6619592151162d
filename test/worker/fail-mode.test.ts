// When evaluation itself fails, the guardrail's fail mode decides, and the answer says so.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import type { AuthContext } from '../../src/auth/identity.js';
import { compileGuardrail } from '../../src/policy/compile.js';
import { guardrailConfigSchema } from '../../src/policy/guardrail-schema.js';
import { runEvaluation } from '../../src/routes/evaluation.js';

const auth: AuthContext = { keyId: 'k', tenant: 't', scopes: new Set(['evaluate']), root: false };

function broken(failMode: 'open' | 'closed') {
  const config = guardrailConfigSchema.parse({ name: 'x', failMode, filters: [{ type: 'secrets', action: 'block' }] });
  const g = compileGuardrail('gr_broken', 7, config);
  // A plan that throws stands for any internal failure: a scanner that cannot be built, a bug.
  return { ...g, plan: () => { throw new RangeError('out of memory'); } };
}

describe('fail mode', () => {
  const req = { text: 'AKIAZ3MHALN4SXQ6WD7B', direction: 'input' as const, context: {}, reveal: false };

  it('blocks when closed', async () => {
    const r = await runEvaluation(env, auth, broken('closed'), req, { escalate: false });
    expect(r).toMatchObject({ verdict: 'BLOCK', decisionLayer: 'error', findings: [], guardrail: { id: 'gr_broken', version: 7 } });
  });

  it('allows when open', async () => {
    const r = await runEvaluation(env, auth, broken('open'), req, { escalate: false });
    expect(r).toMatchObject({ verdict: 'ALLOW', decisionLayer: 'error', findings: [] });
  });

  it('decides normally when nothing fails', async () => {
    const config = guardrailConfigSchema.parse({ name: 'x', failMode: 'open', filters: [{ type: 'secrets', action: 'block' }] });
    const r = await runEvaluation(env, auth, compileGuardrail('gr_ok', 1, config), req, { escalate: false });
    expect(r).toMatchObject({ verdict: 'BLOCK', decisionLayer: 'fast' });
  });
});
