// Compiled guardrails per isolate, keyed by (tenant, id, version): versions are immutable, so an
// entry never goes stale; a new version is a new key, picked up as soon as KV serves it.
import { type CompiledGuardrail, compileGuardrail } from './policy/compile.js';
import type { EvaluateDeps } from './policy/evaluate.js';
import type { GuardrailConfig } from './policy/guardrail-schema.js';
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

export const evaluateDeps: EvaluateDeps = {
  scannerFor: (spec) => scannerForOptions(spec.key, spec.options),
};
