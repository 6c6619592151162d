// Webhook signatures: `Cordon-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
// The timestamp is signed with the body, so a receiver can refuse replays of old deliveries.
import { toHex } from '../auth/keys.js';

const encoder = new TextEncoder();

/** Imported keys by secret: a hub signs many deliveries with few secrets. Bounded, per isolate. */
const keys = new Map<string, Promise<CryptoKey>>();
const MAX_KEYS = 256;

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await hmacKey(secret);
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message))));
}

export async function signatureHeader(secret: string, body: string, unixSeconds: number): Promise<string> {
  return `t=${unixSeconds},v1=${await hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

/** What a receiver does (docs/webhooks.md): recompute, compare in constant time, bound the age. */
export async function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): Promise<boolean> {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = encoder.encode(await hmacHex(secret, `${t}.${body}`));
  const given = encoder.encode(parts.v1);
  return expected.byteLength === given.byteLength && crypto.subtle.timingSafeEqual(expected, given);
}
