import { describe, expect, it } from 'vitest';
import { assertPublicUrl, isPrivateAddress } from '../../src/http/network-policy.js';

describe('network policy', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '::1', '[::1]', '::', 'fe80::1', 'fd12:3456::1', '::ffff:127.0.0.1', '[::ffff:10.0.0.1]', '64:ff9b::a00:1', 'localhost', 'api.localhost', 'printer.local', 'db.internal', 'intranet',
  ])('refuses %s', (host) => expect(isPrivateAddress(host)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', 'api.openai.com', '2606:4700::1111', '[2001:db8::1]', '::ffff:8.8.8.8', '1.2.3.4'])('allows %s', (host) =>
    expect(isPrivateAddress(host)).toBe(false),
  );

  it('normalises odd IPv4 spellings through the URL parser before judging', () => {
    for (const url of ['http://2130706433/v1', 'http://0x7f.1/v1', 'http://127.1/v1', 'http://[::ffff:7f00:1]/v1']) {
      expect(() => assertPublicUrl(url, false)).toThrow(/private/);
      expect(assertPublicUrl(url, true).protocol).toBe('http:');
    }
    expect(() => assertPublicUrl('ftp://example.com', true)).toThrow(/http/);
    expect(assertPublicUrl('https://api.openai.com/v1', false).hostname).toBe('api.openai.com');
  });
});
