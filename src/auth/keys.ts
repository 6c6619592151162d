// API key format, hashing and comparison. A key is `cdn_<id>_<secret>`: the id finds the record,
// the secret is checked against its stored SHA-256 in constant time. Keys carry 190 bits of
// randomness, so a fast hash is enough (no password stretching needed).
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const KEY_FORMAT = /^cdn_([a-zA-Z0-9]{12})_([a-zA-Z0-9]{32})$/;

export function randomToken(length: number): string {
  // Rejection sampling keeps every character equally likely.
  const out: string[] = [];
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out.push(ALPHABET[b % ALPHABET.length]);
    }
  }
  return out.join('');
}

export function newApiKey(): { id: string; secret: string; key: string } {
  const id = randomToken(12);
  const secret = randomToken(32);
  return { id, secret, key: `cdn_${id}_${secret}` };
}

export function parseApiKey(key: string): { id: string; secret: string } | null {
  const m = KEY_FORMAT.exec(key);
  return m ? { id: m[1], secret: m[2] } : null;
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export const toHex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Equal-length digests compared without an early exit (workerd's timingSafeEqual). */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return crypto.subtle.timingSafeEqual(a, b);
}
