// How routes reach the registry: one Durable Object per tenant, refusals turned into API errors.
import type { Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import type { Result } from './types.js';

export function registry(env: Bindings, tenant: string) {
  return env.REGISTRY.get(env.REGISTRY.idFromName(tenant));
}

export function unwrap<T>(result: Result<T>): T {
  if ('refused' in result) {
    const r = result.refused;
    throw new ApiError(r.status, r.code, r.message, r.details);
  }
  return result.ok;
}
