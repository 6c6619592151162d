// Resume tokens: a stream's state sealed for the client to hand back. Encrypted (AES-256-GCM),
// then signed (HMAC-SHA-256 over version, nonce and ciphertext), with keys derived from the
// stream secret: the client can neither read the held-back text nor forge a state, and any
// isolate holding the secret can continue the stream.
import type { Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { derivedKey } from './secret-keys.js';

const VERSION = 1;
const NONCE_BYTES = 12;
const MAC_BYTES = 32;
/** How long a token may be used: a dropped connection is retried in seconds, not hours. */
export const RESUME_TOKEN_TTL_MS = 60 * 60 * 1000;

/** What a token binds a state to: whose stream, which guardrail version, which direction. */
export interface ResumeBinding {
  tenant: string;
  guardrail: string;
  version: number;
  direction: string;
}

export interface ResumeClaims extends ResumeBinding {
  /** Index of the next input token the stream expects. */
  next: number;
  /** Expiry, ms since the epoch. */
  exp: number;
}

export const invalidResumeToken = (why: string) => new ApiError(400, 'invalid_resume_token', `resume: ${why}`, { path: 'resume' });

/** Seals claims plus opaque state bytes into a URL-safe token. */
export async function sealResumeToken(env: Bindings, claims: ResumeClaims, state: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(JSON.stringify(claims));
  const plain = new Uint8Array(4 + header.length + state.length);
  new DataView(plain.buffer).setUint32(0, header.length);
  plain.set(header, 4);
  plain.set(state, 4 + header.length);
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const cipher = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, await derivedKey(env, 'resume-encrypt'), plain));
  const body = new Uint8Array(1 + NONCE_BYTES + cipher.length);
  body[0] = VERSION;
  body.set(nonce, 1);
  body.set(cipher, 1 + NONCE_BYTES);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await derivedKey(env, 'resume-sign'), body));
  const token = new Uint8Array(body.length + MAC_BYTES);
  token.set(body);
  token.set(mac, body.length);
  return toBase64Url(token);
}

/** Verifies, decrypts and checks the binding; every failure is the same 400 (no oracle). */
export async function openResumeToken(env: Bindings, token: string, expect: Omit<ResumeBinding, 'direction' | 'version'>): Promise<{ claims: ResumeClaims; state: Uint8Array }> {
  const bytes = fromBase64Url(token);
  if (!bytes || bytes.length < 1 + NONCE_BYTES + 16 + MAC_BYTES || bytes[0] !== VERSION) throw invalidResumeToken('not a resume token');
  const body = bytes.subarray(0, bytes.length - MAC_BYTES);
  const mac = bytes.subarray(bytes.length - MAC_BYTES);
  if (!(await crypto.subtle.verify('HMAC', await derivedKey(env, 'resume-sign'), mac, body))) throw invalidResumeToken('not a resume token');
  let plain: Uint8Array;
  try {
    const nonce = body.subarray(1, 1 + NONCE_BYTES);
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, await derivedKey(env, 'resume-encrypt'), body.subarray(1 + NONCE_BYTES)));
  } catch {
    throw invalidResumeToken('not a resume token');
  }
  const headerLength = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
  const claims = JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + headerLength))) as ResumeClaims;
  // A token of another tenant or guardrail is as unknown as a forged one.
  if (claims.tenant !== expect.tenant || claims.guardrail !== expect.guardrail) throw invalidResumeToken('not a resume token');
  if (claims.exp < Date.now()) throw invalidResumeToken('the token expired; start the stream again');
  return { claims, state: plain.slice(4 + headerLength) };
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]{1,200000}$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
