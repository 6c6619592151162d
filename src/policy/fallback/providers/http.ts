// POSTs JSON to a provider and returns its JSON, with the bearer key taken from the env by name.
import { mayUseSecret, tenantSecretPrefix } from '../../../auth/tenant-secrets.js';
import { checkProviderUrl } from '../network.js';
import { type ProviderContext, ProviderError } from './types.js';

export async function postJson(url: string, body: unknown, context: ProviderContext): Promise<unknown> {
  const target = checkProviderUrl(url, context.allowPrivateNetwork);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secretName = context.config.apiKeySecret;
  if (secretName) {
    // Only secrets provisioned for this tenant: its config chose the URL the key goes to.
    if (!mayUseSecret('FALLBACK_KEY_', context.tenant, secretName)) throw new ProviderError('provider_unavailable', `apiKeySecret must start with ${tenantSecretPrefix('FALLBACK_KEY_', context.tenant)}`);
    const key = context.env[secretName];
    if (typeof key !== 'string' || key.length === 0) throw new ProviderError('provider_unavailable', `secret ${secretName} is not set`);
    headers.authorization = `Bearer ${key}`;
  }
  // redirect: manual: a public URL must not bounce the request (and its key) elsewhere.
  const response = await context.fetch(target.toString(), { method: 'POST', headers, body: JSON.stringify(body), signal: context.signal, redirect: 'manual' });
  if (!response.ok) {
    await response.body?.cancel();
    throw new ProviderError('provider_http_error', `provider answered HTTP ${response.status}`);
  }
  try {
    return await response.json();
  } catch {
    throw new ProviderError('provider_bad_response', 'provider answered with something that is not JSON');
  }
}

export function clamp01(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : undefined;
}
