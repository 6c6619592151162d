// Compiled guardrails per isolate, keyed by (tenant, id, version): versions are immutable, so an
// entry never goes stale; a new version is a new key, picked up as soon as KV serves it.
import type { Bindings } from './env.js';
import { decideWithFallback } from './policy/fallback/index.js';
import { type CompiledGuardrail, compileGuardrail } from './policy/compile.js';
import type { EvaluateDeps } from './policy/evaluate.js';
import type { GuardrailConfig } from './policy/guardrail-schema.js';
import { safetyClassifier } from './safety.js';
import { scannerForOptions } from './scanners.js';

const MAX_COMPILED = 64;
const compiled = new Map<string, CompiledGuardrail>();

export function compiledGuardrail(tenant: string, id: string, version: number, config: GuardrailConfig): CompiledGuardrail {
  const key = `${tenant}\u0000${id}\u0000${version}`;
  let g = compiled.get(key);
  if (g) {
    compiled.delete(key);
  } else {
    g = compileGuardrail(id, version, config);
  }
  compiled.set(key, g);
  if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  return g;
}

/** The fast layers only: what test cases run with. */
export const evaluateDeps: EvaluateDeps = {
  scannerFor: (spec) => scannerForOptions(spec.key, spec.options),
  safety: safetyClassifier,
};

/** Every layer, the fallback model bound to this Worker's env and the guardrail's fail mode. */
export function evaluateDepsFor(env: Bindings, failMode: GuardrailConfig['failMode'], tenant: string): EvaluateDeps {
  return {
    ...evaluateDeps,
    fallback: (config, text, scores, thresholds) =>
      decideWithFallback(config, text, scores, {
        tenant,
        failMode,
        env: env as unknown as Record<string, unknown>,
        allowPrivateNetwork: env.CORDON_ALLOW_PRIVATE_NETWORK === 'true',
        thresholds,
      }),
  };
}
