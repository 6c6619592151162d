// Which outbound targets the gateway may call (webhooks now, model upstreams too): public
// addresses only, unless CORDON_ALLOW_PRIVATE_NETWORK is `true` (local development). Checked on
// the host as written and, for names, on every address it resolves to; callers send with
// `redirect: 'manual'` so a public URL cannot bounce the request to a private one.

import { ApiError } from '../errors.js';

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Resolves a host name to its IPv4 and IPv6 addresses. */
export type Resolver = (host: string) => Promise<string[]>;

export interface TargetPolicy {
  allowPrivate: boolean;
  /** Used for names (not IP literals) when private targets are refused; without it names are checked by suffix only. */
  resolve?: Resolver;
}

const MAX_URL_CHARS = 2048;

/** IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry, the parts that matter). */
const PRIVATE_V4: Array<[number, number]> = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
].map(([ip, bits]) => [v4ToInt(ip as string)!, bits as number]);

/** Names that never mean a public host. */
const PRIVATE_SUFFIXES = ['localhost', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'corp', 'private'];

function v4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function isPrivateV4(ip: number): boolean {
  return PRIVATE_V4.some(([net, bits]) => (bits === 0 ? true : ip >>> (32 - bits) === net >>> (32 - bits)));
}

/** Eight 16-bit groups of an IPv6 address (brackets and zone stripped), or null when malformed. */
function v6Groups(ip: string): number[] | null {
  let s = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4Tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (v4Tail) {
    const n = v4ToInt(v4Tail[1]);
    if (n === null) return null;
    s = `${s.slice(0, -v4Tail[1].length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(':') : []);
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (groups.some((g) => !/^[0-9a-f]{1,4}$/i.test(g))) return null;
  return groups.map((g) => parseInt(g, 16));
}

function isPrivateV6(g: number[]): boolean {
  const allZeroUntil = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (allZeroUntil(7) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  const embedded = (g[6] << 16) + g[7];
  if (allZeroUntil(5) && g[5] === 0xffff) return isPrivateV4(embedded >>> 0); // IPv4-mapped
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return isPrivateV4(embedded >>> 0); // NAT64
  if ((g[0] & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g[0] & 0xffc0) === 0xfec0) return true; // fec0::/10 old site-local
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true; // documentation
  return false;
}

/** True for loopback, private, link-local, shared, reserved and documentation addresses (v4 or v6). */
export function isPrivateAddress(ip: string): boolean {
  const v4 = v4ToInt(ip);
  if (v4 !== null) return isPrivateV4(v4);
  const v6 = v6Groups(ip);
  return v6 === null ? true : isPrivateV6(v6); // unparseable: refuse rather than guess
}

/**
 * The check that needs no DNS: an IP literal in a private range, or a name that only exists on a
 * private network. Names are checked on their resolved addresses by `checkTarget` when it may resolve.
 */
export function isPrivateHost(host: string): boolean {
  return isIpLiteral(host) ? isPrivateAddress(host) : isPrivateName(host);
}

function isIpLiteral(host: string): boolean {
  return v4ToInt(host) !== null || host.startsWith('[');
}

function isPrivateName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (!h.includes('.')) return true; // single-label names resolve on an intranet, if anywhere
  return PRIVATE_SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`));
}

/**
 * Parses and checks an outbound URL. Reasons name the rule broken, never the URL (it may carry
 * a token in its query).
 */
export async function checkTarget(raw: string, policy: TargetPolicy): Promise<TargetCheck> {
  if (raw.length > MAX_URL_CHARS) return { ok: false, reason: `URL longer than ${MAX_URL_CHARS} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate)) {
    return { ok: false, reason: policy.allowPrivate ? 'scheme must be http or https' : 'scheme must be https' };
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not allowed; use the signature to authenticate' };
  if (policy.allowPrivate) return { ok: true, url };
  const host = url.hostname;
  if (isIpLiteral(host)) {
    return isPrivateAddress(host) ? { ok: false, reason: 'private, loopback or link-local address' } : { ok: true, url };
  }
  if (isPrivateName(host)) return { ok: false, reason: 'host name of a private network' };
  if (policy.resolve) {
    let addresses: string[];
    try {
      addresses = await policy.resolve(host);
    } catch {
      return { ok: false, reason: 'host name did not resolve' };
    }
    if (addresses.length === 0) return { ok: false, reason: 'host name did not resolve' };
    if (addresses.some(isPrivateAddress)) return { ok: false, reason: 'host name resolves to a private, loopback or link-local address' };
  }
  return { ok: true, url };
}

/**
 * Resolves through DNS over HTTPS (JSON API), A and AAAA. Workers have no resolver of their
 * own; this is what lets the check see the addresses a name points at.
 */
export function dohResolver(endpoint = 'https://cloudflare-dns.com/dns-query'): Resolver {
  return async (host) => {
    const ask = async (type: 'A' | 'AAAA') => {
      const res = await fetch(`${endpoint}?name=${encodeURIComponent(host)}&type=${type}`, {
        headers: { accept: 'application/dns-json' },
        signal: AbortSignal.timeout(3000),
      });
      if (!res.ok) throw new Error(`DoH answered ${res.status}`);
      const body = (await res.json()) as { Answer?: Array<{ type: number; data: string }> };
      return (body.Answer ?? []).filter((a) => a.type === (type === 'A' ? 1 : 28)).map((a) => a.data);
    };
    const [a, aaaa] = await Promise.all([ask('A'), ask('AAAA')]);
    return [...a, ...aaaa];
  };
}

/** The policy the Worker runs with. */
export function targetPolicy(env: { CORDON_ALLOW_PRIVATE_NETWORK?: string; CORDON_DOH_URL?: string }): TargetPolicy {
  const allowPrivate = env.CORDON_ALLOW_PRIVATE_NETWORK === 'true';
  return { allowPrivate, resolve: allowPrivate ? undefined : dohResolver(env.CORDON_DOH_URL || undefined) };
}

/**
 * The upstream check of the chat proxy: throws a 400 unless `url` is http(s) to a public host (or
 * private ones are allowed). Synchronous, without DNS: the URL parser has already normalised odd
 * IPv4 spellings (0x7f.1, 2130706433) to dotted form, and names of private networks are refused.
 */
export function assertPublicUrl(url: string, allowPrivate: boolean, field = 'upstream.baseUrl'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError(400, 'invalid_upstream', `${field}: not a URL`, { path: field });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ApiError(400, 'invalid_upstream', `${field}: must be http or https`, { path: field });
  if (!allowPrivate && isPrivateHost(parsed.hostname)) {
    throw new ApiError(400, 'private_upstream', `${field}: private, loopback and link-local hosts are refused (CORDON_ALLOW_PRIVATE_NETWORK)`, { path: field });
  }
  return parsed;
}
