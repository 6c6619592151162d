/** A small valid guardrail config whose tests pass; override any top-level field. */
export const baseConfig = (overrides: Record<string, unknown> = {}) => ({
  name: 'support bot',
  filters: [
    { type: 'pii', action: 'redact', entities: ['EMAIL', 'CREDIT_CARD'] },
    { type: 'secrets', action: 'block' },
  ],
  tests: [
    { input: 'mail me at ann@example.com', expect: 'REDACT', expectEntities: ['EMAIL'] },
    { input: 'hello there', expect: 'ALLOW' },
  ],
  ...overrides,
});
