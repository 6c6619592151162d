// Provider URLs must not reach into the Worker's own network: loopback, private, link-local and
// other special ranges are refused unless the deployment allows them (local development, tests).

export class BlockedUrlError extends Error {
  readonly code = 'fallback_url_blocked';
  constructor() {
    super('fallback provider URL points to a private or reserved network');
  }
}

/** True when `host` (a URL hostname) is an IP literal or name in a private or reserved range. */
export function isPrivateHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local') || h.endsWith('.internal')) return true;
  const v4 = ipv4(h);
  if (v4) return privateV4(v4);
  if (h.includes(':')) return privateV6(h);
  return false;
}

function ipv4(h: string): number[] | undefined {
  const parts = h.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function privateV4([a, b]: number[]): boolean {
  return (
    a === 0 || a === 10 || a === 127 || // this network, private, loopback
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local (cloud metadata)
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a >= 224 // multicast and reserved
  );
}

function privateV6(h: string): boolean {
  if (h === '::' || h === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  if (mapped) return privateV4(ipv4(mapped[1]) ?? [0]);
  const first = parseInt(h.split(':')[0] || '0', 16);
  return (
    (first & 0xfe00) === 0xfc00 || // unique local
    (first & 0xffc0) === 0xfe80 || // link-local
    (first & 0xff00) === 0xff00 // multicast
  );
}

/** Throws BlockedUrlError for a URL into a private range, unless allowed. */
export function checkProviderUrl(url: string, allowPrivateNetwork: boolean): URL {
  const parsed = new URL(url);
  if (!allowPrivateNetwork && isPrivateHost(parsed.hostname)) throw new BlockedUrlError();
  return parsed;
}
