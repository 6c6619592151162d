import { describe, expect, it } from 'vitest';
import { createScanner } from '../../src/scan/node.js';

const scanner = createScanner();
const found = (text: string) => scanner.scan(text).map((f) => [f.entity, text.slice(f.start, f.end), f.score]);

describe('scoring and values', () => {
  it('falls back to a shorter value when the longest match swallowed the next word', () => {
    expect(found('IBAN GB82 WEST 1234 5698 7654 32 BIC NWBKGB2L')).toContainEqual(['IBAN', 'GB82 WEST 1234 5698 7654 32', 1]);
  });

  it('does not report a valid prefix of one invalid token', () => {
    expect(found('addr 2001:db8::1::2 here').filter(([e]) => e === 'IP_ADDRESS')).toEqual([]);
  });

  it('trims the lead off a value: the key name is not redacted', () => {
    expect(scanner.redact('password = "s3cr3t-Hunter2!x"').text).toBe('password = "[GENERIC_SECRET]"');
  });

  it('raises the score of a weak format when a context word precedes it', () => {
    const bare = found('ref 415 555 0132 x');
    const withContext = found('please call 4155550132 today');
    expect(bare).toContainEqual(['PHONE', '415 555 0132', 0.6]);
    expect(withContext).toContainEqual(['PHONE', '4155550132', 0.7]);
    expect(found('order 4155550132 shipped')).toEqual([]);
  });

  it('skips known placeholder values', () => {
    expect(found('aws key AKIAIOSFODNN7EXAMPLE')).toEqual([]);
  });

  it('resolves overlapping entities by score, then length', () => {
    // A Luhn-valid card number also has the shape of other digit entities; the checksum wins.
    expect(found('card 4111111111111111 ok')).toEqual([['CREDIT_CARD', '4111111111111111', 1]]);
  });
});
