// A guardrail gives each filter its own threshold and redaction: the engine takes both per entity,
// in batch calls and streams alike.
import { describe, expect, it } from 'vitest';
import { createScanner } from '../../src/scan/node.js';

const text = 'Mail ann@example.com, card 4111 1111 1111 1111, call 212-555-0123.';

describe('per-entity options', () => {
  it('redacts each entity with its own options and leaves `false` entities visible', () => {
    const scanner = createScanner({ entities: ['EMAIL', 'CREDIT_CARD', 'PHONE'], minScore: 0 });
    const byEntity = { EMAIL: { mode: 'mask' as const, keepLast: 3 }, PHONE: false as const };
    const out = scanner.redact(text, { mode: 'placeholder', byEntity });
    expect(out.text).toBe('Mail ***@*******.com, card [CREDIT_CARD], call 212-555-0123.');
    expect(out.findings.map((f) => f.entity)).toEqual(['EMAIL', 'CREDIT_CARD', 'PHONE']);
    const stream = scanner.stream({ mode: 'placeholder', byEntity });
    const streamed = [...text].map((ch) => stream.push(ch).text).join('') + stream.end().text;
    expect(streamed).toBe(out.text);
  });

  it('drops findings under the entity threshold, keeps others at the default', () => {
    const loose = createScanner({ entities: ['PHONE', 'EMAIL'], minScore: 0 }).scan(text);
    const phone = loose.find((f) => f.entity === 'PHONE')!;
    expect(phone.score).toBeLessThan(1);
    const strict = createScanner({ entities: ['PHONE', 'EMAIL'], minScore: 0, minScoreByEntity: { PHONE: phone.score + 0.01 } });
    expect(strict.scan(text).map((f) => f.entity)).toEqual(['EMAIL']);
  });

  it('rejects bad per-entity options with the field named', () => {
    expect(() => createScanner({ minScoreByEntity: { EMAIL: 2 } })).toThrow(/minScoreByEntity\.EMAIL/);
    const scanner = createScanner({ entities: ['EMAIL'] });
    expect(() => scanner.redact(text, { byEntity: { EMAIL: { mode: 'shred' as never } } })).toThrow(/redact\.mode/);
    expect(() => scanner.redact(text, { byEntity: { EMAIL: 'x' as never } })).toThrow(/byEntity\.EMAIL/);
  });
});

describe('checked options', () => {
  it('re-checks options that can still change, and trusts frozen ones it checked', () => {
    const scanner = createScanner({ entities: ['EMAIL'] });
    const mutable: { mode?: string } = { mode: 'placeholder' };
    expect(scanner.redact(text, mutable as never).text).toContain('[EMAIL]');
    mutable.mode = 'shred';
    expect(() => scanner.redact(text, mutable as never)).toThrow(/redact\.mode/);
    const frozen = Object.freeze({ mode: 'mask' as const, byEntity: Object.freeze({}) });
    expect(scanner.redact(text, frozen).text).not.toContain('ann@example.com');
  });
});
