// Provider URLs must not reach into the Worker's own network: the same rules as every other
// outbound target (src/http/network-policy.ts), checked without DNS on the hot path.
import { isPrivateHost } from '../../http/network-policy.js';

export { isPrivateHost };

export class BlockedUrlError extends Error {
  readonly code = 'fallback_url_blocked';
  constructor() {
    super('fallback provider URL points to a private or reserved network');
  }
}

/** Throws BlockedUrlError for a URL into a private range, unless allowed. */
export function checkProviderUrl(url: string, allowPrivateNetwork: boolean): URL {
  const parsed = new URL(url);
  if (!allowPrivateNetwork && isPrivateHost(parsed.hostname)) throw new BlockedUrlError();
  return parsed;
}
