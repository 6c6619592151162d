// How a config becomes per-direction plans: which filter owns an entity, what `all` means.
import { describe, expect, it } from 'vitest';
import { ENTITY_GROUPS } from '../../src/scan/index.js';
import { compileGuardrail, selectedEntities } from '../../src/policy/compile.js';
import { applies } from '../../src/policy/assignments.js';
import { augmentSystemPrompt, relevantGuidelines } from '../../src/policy/augment.js';
import { estimateTokens } from '../../src/policy/response-checks.js';
import { guardrailConfigSchema } from '../../src/policy/guardrail-schema.js';
import { parseGuardrailConfig } from '../../src/policy/validate-config.js';

const config = (c: Record<string, unknown>) => guardrailConfigSchema.parse({ name: 'x', ...c });

describe('compile', () => {
  it('reads `all` per filter type: pii without secrets, secrets alone', () => {
    const pii = selectedEntities({ type: 'pii', action: 'block', direction: 'both', enabled: true, entities: 'all' });
    const secrets = selectedEntities({ type: 'secrets', action: 'block', direction: 'both', enabled: true, entities: 'all' });
    expect(secrets).toEqual(ENTITY_GROUPS.secrets);
    expect(pii.some((e) => secrets.includes(e))).toBe(false);
    expect(pii).toContain('EMAIL');
  });

  it('gives an entity to the filter with the strongest action, whatever the order', () => {
    for (const order of [0, 1]) {
      const filters = [
        { type: 'pii', id: 'soft', action: 'warn', entities: ['EMAIL', 'PHONE'] },
        { type: 'pii', id: 'hard', action: 'block', entities: ['EMAIL'], minScore: 0.9 },
      ];
      if (order) filters.reverse();
      const plan = compileGuardrail('g', 1, config({ filters })).plan('input');
      expect(plan.owners.get('EMAIL')).toEqual({ filter: 'hard', action: 'block' });
      expect(plan.owners.get('PHONE')).toEqual({ filter: 'soft', action: 'warn' });
      expect(plan.scanner!.options.minScoreByEntity).toEqual({ EMAIL: 0.9 });
      expect(plan.redact.byEntity).toEqual({ EMAIL: false, PHONE: false });
    }
  });

  it('builds one scanner per direction from the filters that cover it', () => {
    const g = compileGuardrail('g', 1, config({
      filters: [
        { type: 'pii', action: 'redact', entities: ['EMAIL'], direction: 'input' },
        { type: 'pattern', action: 'block', name: 'TICKET', pattern: 'T-\\d+', direction: 'output' },
        { type: 'words', action: 'warn', words: ['x'], direction: 'tool' },
      ],
    }));
    expect(g.plan('input').scanner!.options).toMatchObject({ entities: ['EMAIL'], patterns: [], words: [] });
    expect(g.plan('output').scanner!.options).toMatchObject({ entities: [], patterns: [{ name: 'TICKET' }] });
    expect(g.plan('tool').scanner!.options.words).toEqual([expect.objectContaining({ name: 'BLOCKED_WORD', words: ['x'] })]);
    expect(g.plan('retrieval').scanner).toBeUndefined();
    expect(g.plan('input').scanner!.key).not.toBe(g.plan('output').scanner!.key);
  });

  it('accepts a 2,000-word list (split across patterns to stay within the state budget)', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `word${i.toString(36)}x`);
    expect(() => parseGuardrailConfig({ name: 'x', filters: [{ type: 'words', action: 'block', words }] })).not.toThrow();
  });
});

describe('assignments', () => {
  const g = (assignments: unknown[], target: Record<string, unknown> = {}) => config({ assignments, target });
  const ctx = { tenant: 't1', projectId: 'p1', agentId: 'a1', model: 'm1' };
  it('matches any assignment; isException inverts; target direction filters', () => {
    expect(applies(g([{ entityType: 'project', entityId: 'p1' }]), ctx, 'input')).toBe(true);
    expect(applies(g([{ entityType: 'project', entityId: 'p2' }]), ctx, 'input')).toBe(false);
    expect(applies(g([{ entityType: 'project', entityId: 'p2' }, { entityType: 'model', entityId: 'm1' }]), ctx, 'input')).toBe(true);
    expect(applies(g([]), ctx, 'input')).toBe(false);
    expect(applies(g([], { isException: true }), ctx, 'input')).toBe(true);
    expect(applies(g([{ entityType: 'agent', entityId: 'a1' }], { isException: true }), ctx, 'input')).toBe(false);
    expect(applies(g([{ entityType: 'tenant', entityId: 't1' }], { direction: 'output' }), ctx, 'input')).toBe(false);
    expect(applies(g([{ entityType: 'tenant', entityId: 't1' }], { direction: 'input' }), ctx, 'tool')).toBe(true);
    expect(applies({ ...g([{ entityType: 'tenant', entityId: 't1' }]), enabled: false }, ctx, 'input')).toBe(false);
  });
});

describe('guidelines and response checks', () => {
  it('matches keywords as whole words, case-insensitively', () => {
    const gl = config({ guidelines: [{ text: 'A', keywords: ['refund'] }, { text: 'B', keywords: ['card number'] }, { text: 'C' }] }).guidelines;
    expect(relevantGuidelines(gl, 'REFUND please').map((g) => g.text)).toEqual(['A', 'C']);
    expect(relevantGuidelines(gl, 'refunds and cards').map((g) => g.text)).toEqual(['C']);
    expect(relevantGuidelines(gl, 'my Card  Number is').map((g) => g.text)).toEqual(['B', 'C']);
    expect(augmentSystemPrompt('', relevantGuidelines(gl, 'x'))).toBe('Follow these guidelines:\n- C');
  });

  it('estimates tokens about as tokenizers count English', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Hello, world!')).toBe(4);
    expect(estimateTokens('internationalization')).toBe(4);
    expect(estimateTokens('word '.repeat(100))).toBe(100);
  });
});
