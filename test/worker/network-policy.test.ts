// Outbound targets (webhooks, later model upstreams): without CORDON_ALLOW_PRIVATE_NETWORK only
// public https hosts pass, checked on the literal address and on what a name resolves to.
import { describe, expect, it } from 'vitest';
import { assertPublicUrl, checkTarget, isPrivateAddress, isPrivateHost } from '../../src/http/network-policy.js';

const strict = { allowPrivate: false };

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1',
    '::1', '::', '[::1]', 'fe80::1', 'fc00::1', 'fd12:3456::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:a00:1', '64:ff9b::a00:1', 'ff02::1', '2001:db8::1',
    'not-an-address',
  ])('refuses %s', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('accepts %s', (ip) =>
    expect(isPrivateAddress(ip)).toBe(false));
});

describe('checkTarget', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', 'scheme must be https'],
    ['https://127.0.0.1/hook', 'private, loopback or link-local address'],
    ['https://2130706433/hook', 'private, loopback or link-local address'], // 127.0.0.1 written as a number
    ['https://0x7f.1/hook', 'private, loopback or link-local address'],
    ['https://[::1]/hook', 'private, loopback or link-local address'],
    ['https://[::ffff:169.254.169.254]/latest', 'private, loopback or link-local address'],
    ['https://169.254.169.254/latest/meta-data', 'private, loopback or link-local address'],
    ['https://localhost/hook', 'host name of a private network'],
    ['https://api.localhost/hook', 'host name of a private network'],
    ['https://metadata.google.internal/x', 'host name of a private network'],
    ['https://printer/x', 'host name of a private network'],
    ['https://user:secret@example.com/x', 'credentials in the URL are not allowed; use the signature to authenticate'],
    ['ftp://example.com/x', 'scheme must be https'],
    ['example.com/x', 'not an absolute URL'],
  ])('refuses %s without CORDON_ALLOW_PRIVATE_NETWORK', async (url, reason) => {
    expect(await checkTarget(url, strict)).toEqual({ ok: false, reason });
  });

  it('accepts public https targets, and names that resolve only to public addresses', async () => {
    expect((await checkTarget('https://8.8.8.8/x', strict)).ok).toBe(true);
    const resolve = async () => ['93.184.216.34', '2606:2800:220:1::1'];
    const ok = await checkTarget('https://hooks.example.com/cordon?token=abc', { allowPrivate: false, resolve });
    expect(ok.ok && ok.url.hostname).toBe('hooks.example.com');
  });

  it('refuses a name that resolves to a private address (DNS rebinding) or does not resolve, without quoting the URL', async () => {
    const rebinding = await checkTarget('https://evil.example.com/x?token=s3cret', { allowPrivate: false, resolve: async () => ['93.184.216.34', '10.0.0.5'] });
    expect(rebinding).toEqual({ ok: false, reason: 'host name resolves to a private, loopback or link-local address' });
    const nothing = await checkTarget('https://gone.example.com/x', { allowPrivate: false, resolve: async () => [] });
    expect(nothing).toEqual({ ok: false, reason: 'host name did not resolve' });
    const failing = await checkTarget('https://down.example.com/x', { allowPrivate: false, resolve: async () => {
      throw new Error('DoH down');
    } });
    expect(failing).toEqual({ ok: false, reason: 'host name did not resolve' });
    expect(JSON.stringify([rebinding, nothing, failing])).not.toContain('s3cret');
  });

  it('allows private targets and plain http only when CORDON_ALLOW_PRIVATE_NETWORK is true', async () => {
    const lax = { allowPrivate: true };
    expect((await checkTarget('http://127.0.0.1:8080/hook', lax)).ok).toBe(true);
    expect((await checkTarget('https://localhost/hook', lax)).ok).toBe(true);
    expect(await checkTarget('file:///etc/passwd', lax)).toEqual({ ok: false, reason: 'scheme must be http or https' });
  });
});

describe('upstream URLs (chat proxy)', () => {
  it.each([
    '127.0.0.1', '127.1.2.3', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '[::1]', '[::]', '[fe80::1]', '[fd12:3456::1]', '[::ffff:127.0.0.1]', '[::ffff:10.0.0.1]', '[64:ff9b::a00:1]', '[2001:db8::1]',
    'localhost', 'api.localhost', 'printer.local', 'db.internal', 'intranet',
  ])('refuses host %s', (host) => expect(isPrivateHost(host)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', 'api.openai.com', '[2606:4700::1111]', '[::ffff:8.8.8.8]', '1.2.3.4'])('allows host %s', (host) =>
    expect(isPrivateHost(host)).toBe(false),
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
