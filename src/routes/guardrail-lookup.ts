// The compiled guardrail a request runs: the active version from KV (the hot path), or a given
// version, which only a resumed stream asks for (from KV when it is still active, else the registry).
import type { Bindings } from '../env.js';
import { notFound } from '../errors.js';
import { compiledGuardrail } from '../guardrails.js';
import type { CompiledGuardrail } from '../policy/compile.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import { readActive } from '../storage/configs.js';
import { registry, unwrap } from '../storage/registry-client.js';
import type { ActiveRecord } from '../storage/types.js';

export async function activeGuardrail(env: Bindings, tenant: string, id: string): Promise<CompiledGuardrail> {
  const active = await readActive(env, tenant, id);
  if (!active) throw notFound('guardrail');
  return compiledGuardrail(tenant, id, active.version, active.config);
}

/** `active`: the active record when the caller has read it already (one KV read, not two). */
export async function guardrailVersion(env: Bindings, tenant: string, id: string, version: number, active?: ActiveRecord | null): Promise<CompiledGuardrail> {
  active ??= await readActive(env, tenant, id);
  if (active && active.version === version) return compiledGuardrail(tenant, id, version, active.config);
  const v = unwrap(await registry(env, tenant).getVersion(id, version));
  return compiledGuardrail(tenant, id, v.version, v.config as GuardrailConfig);
}
