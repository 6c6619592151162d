// Numbered placeholders for input values, and the map that puts them back into the answer.
// With a conversation id the numbering lives in the conversation's vault (Durable Object), so
// every turn and every concurrent request agrees; values cross to it sealed (AES-GCM) under a key
// only the Worker derives. Without one, the numbering lives for the request.
import type { Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { derivedKey } from '../streaming/secret-keys.js';

export interface PseudonymScope {
  tenant: string;
  guardrail: string;
  /** Absent: numbering only for this request. */
  conversation?: string;
  ttlSeconds: number;
}

export interface Pseudonyms {
  /** Placeholder per value, in order. */
  placeholders: string[];
  /** Every placeholder of the conversation and its value. */
  restore: Map<string, string>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const placeholder = (entity: string, n: number) => `[${entity}_${n}]`;

export async function pseudonymize(env: Bindings, scope: PseudonymScope, values: Array<{ entity: string; value: string }>): Promise<Pseudonyms> {
  if (!scope.conversation) return local(values);
  const vaultName = `${scope.tenant}\u0000${scope.guardrail}\u0000${scope.conversation}`;
  const [sealKey, indexKey] = await Promise.all([derivedKey(env, 'vault-encrypt'), derivedKey(env, 'vault-index')]);
  const entries = await Promise.all(
    values.map(async ({ entity, value }) => ({
      entity,
      digest: hex(await crypto.subtle.sign('HMAC', indexKey, encoder.encode(`${vaultName}\u0000${entity}\u0000${value}`))),
      sealed: await seal(sealKey, vaultName, value),
    })),
  );
  const stub = env.VAULT.get(env.VAULT.idFromName(vaultName));
  const answer = await stub.assign(entries, scope.ttlSeconds);
  if ('full' in answer) throw new ApiError(413, 'vault_full', 'this conversation holds too many pseudonymised values; start a new conversation');
  const restore = new Map<string, string>();
  await Promise.all(answer.all.map(async (e) => restore.set(placeholder(e.entity, e.n), await unseal(sealKey, vaultName, e.sealed))));
  return { placeholders: answer.numbers.map((n, i) => placeholder(values[i].entity, n)), restore };
}

function local(values: Array<{ entity: string; value: string }>): Pseudonyms {
  const numbers = new Map<string, number>();
  const counters = new Map<string, number>();
  const restore = new Map<string, string>();
  const placeholders = values.map(({ entity, value }) => {
    const key = `${entity}\u0000${value}`;
    let n = numbers.get(key);
    if (n === undefined) {
      n = (counters.get(entity) ?? 0) + 1;
      counters.set(entity, n);
      numbers.set(key, n);
      restore.set(placeholder(entity, n), value);
    }
    return placeholder(entity, n);
  });
  return { placeholders, restore };
}

/** AES-GCM with the vault's name as associated data: a sealed value only opens in its own vault. */
async function seal(key: CryptoKey, vault: string, value: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(vault) }, key, encoder.encode(value)));
  return `${b64(iv)}.${b64(cipher)}`;
}

async function unseal(key: CryptoKey, vault: string, sealed: string): Promise<string> {
  const [iv, cipher] = sealed.split('.').map(unb64);
  return decoder.decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(vault) }, key, cipher));
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
