// Keys Cordon derives for what it hands out or keeps sealed: resume tokens and the
// pseudonymisation vault. One Worker secret, CORDON_STREAM_KEY, or, when it is not set, the admin
// key; HKDF with a distinct label per use, so one derived key never serves two purposes.
import type { Bindings } from '../env.js';
import { ApiError } from '../errors.js';

export type KeyUse = 'resume-encrypt' | 'resume-sign' | 'vault-encrypt' | 'vault-index';

const cache = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function secretOf(env: Bindings): string {
  const secret = env.CORDON_STREAM_KEY || env.CORDON_ADMIN_KEY;
  if (!secret) throw new ApiError(500, 'stream_key_missing', 'set the Worker secret CORDON_STREAM_KEY (or CORDON_ADMIN_KEY)');
  return secret;
}

/** The derived key for `use`; cached per isolate (the secret only changes with a deployment). */
export function derivedKey(env: Bindings, use: KeyUse): Promise<CryptoKey> {
  const secret = secretOf(env);
  const id = `${use}\u0000${secret}`;
  let key = cache.get(id);
  if (!key) {
    key = derive(secret, use);
    cache.set(id, key);
    key.catch(() => cache.delete(id));
  }
  return key;
}

async function derive(secret: string, use: KeyUse): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  const params = { name: 'HKDF', hash: 'SHA-256', salt: encoder.encode('cordon/v1'), info: encoder.encode(use) };
  if (use === 'resume-encrypt' || use === 'vault-encrypt') {
    return crypto.subtle.deriveKey(params, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }
  return crypto.subtle.deriveKey(params, base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign', 'verify']);
}
