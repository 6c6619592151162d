// Which hosts Cordon may call (chat upstreams; webhooks use the same rule). Private, loopback,
// link-local and other non-public ranges are refused unless the Worker's
// CORDON_ALLOW_PRIVATE_NETWORK is `true` (local development with a model on 127.0.0.1).
// Only literal addresses and local names can be judged here: Workers have no DNS API, and on
// Cloudflare a public name that resolves to a private address is not reachable anyway.
import { ApiError } from '../errors.js';

/** Non-public IPv4 ranges as [first octets, prefix length]. */
const PRIVATE_V4: Array<[number[], number]> = [
  [[0], 8], // this network
  [[10], 8],
  [[100, 64], 10], // carrier-grade NAT
  [[127], 8],
  [[169, 254], 16], // link-local (cloud metadata lives here)
  [[172, 16], 12],
  [[192, 0, 0], 24],
  [[192, 168], 16],
  [[198, 18], 15], // benchmarking
  [[224], 4], // multicast
  [[240], 4], // reserved, broadcast
];

function v4Private(octets: number[]): boolean {
  const value = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  return PRIVATE_V4.some(([prefix, bits]) => {
    const p = [0, 1, 2, 3].reduce((n, i) => (n << 8) | (prefix[i] ?? 0), 0) >>> 0;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (value & mask) === (p & mask);
  });
}

function parseV4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const octets = m.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** The 8 groups of an IPv6 literal (brackets removed), or null. */
function parseV6(host: string): number[] | null {
  if (!host.includes(':')) return null;
  let text = host;
  const tail: number[] = [];
  const v4 = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    const o = parseV4(v4[1]);
    if (!o) return null;
    tail.push((o[0] << 8) | o[1], (o[2] << 8) | o[3]);
    text = text.slice(0, v4.index);
    if (text.endsWith(':')) text += ':'; // `::1.2.3.4`: keep the `::`
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const part = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = part(halves[0]);
  const rest = halves.length === 2 ? part(halves[1]) : [];
  const fill = 8 - head.length - rest.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 0) return null;
  const groups = [...head, ...new Array(halves.length === 2 ? fill : 0).fill(0), ...rest, ...tail];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g)) ? groups : null;
}

function v6Private(g: number[]): boolean {
  if (g.slice(0, 7).every((x) => x === 0) && g[7] <= 1) return true; // :: and ::1
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return v4Private([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]); // mapped v4
  if ((g[0] & 0xfe00) === 0xfc00) return true; // unique local
  if ((g[0] & 0xffc0) === 0xfe80) return true; // link-local
  if ((g[0] & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x64 && g[1] === 0xff9b) return v4Private([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]); // NAT64
  return false;
}

/** True for loopback, private, link-local and reserved addresses and for local-only names. */
export function isPrivateAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  const v4 = parseV4(h);
  if (v4) return v4Private(v4);
  const v6 = parseV6(h);
  if (v6) return v6Private(v6);
  if (h.includes(':')) return true; // not a valid address: refuse rather than guess
  return h === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(h) || !h.includes('.');
}

/** Throws a 400 unless `url` is http(s) to a public host (or private ones are allowed). */
export function assertPublicUrl(url: string, allowPrivate: boolean, field = 'upstream.baseUrl'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ApiError(400, 'invalid_upstream', `${field}: not a URL`, { path: field });
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new ApiError(400, 'invalid_upstream', `${field}: must be http or https`, { path: field });
  // The URL parser has already normalised odd IPv4 spellings (0x7f.1, 2130706433) to dotted form.
  if (!allowPrivate && isPrivateAddress(parsed.hostname)) {
    throw new ApiError(400, 'private_upstream', `${field}: private, loopback and link-local hosts are refused (CORDON_ALLOW_PRIVATE_NETWORK)`, { path: field });
  }
  return parsed;
}
