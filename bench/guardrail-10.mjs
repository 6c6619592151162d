// The 10-filter guardrail the HTTP benchmark evaluates with: what a support chatbot would run.
export const GUARDRAIL_10 = {
  name: 'bench: 10 filters',
  filters: [
    { type: 'pii', action: 'redact', entities: ['EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IBAN', 'IP_ADDRESS'] },
    { type: 'secrets', action: 'block' },
    { type: 'pii', action: 'warn', entities: ['US_PASSPORT', 'US_BANK_ROUTING'] },
    { type: 'pattern', action: 'redact', name: 'TICKET_ID', pattern: 'TCK-\\d{6}' },
    { type: 'pattern', action: 'redact', name: 'ORDER_REF', pattern: 'ORD[-_][A-Z0-9]{8}' },
    { type: 'pattern', action: 'warn', name: 'INTERNAL_HOST', pattern: '[a-z0-9-]+\\.corp\\.example\\.com' },
    { type: 'words', action: 'block', name: 'CODENAME', words: ['project nightingale', 'blue falcon', 'operation sandstorm'] },
    { type: 'words', action: 'warn', name: 'COMPETITOR', words: ['acme corp', 'globex', 'initech', 'umbrella'] },
    { type: 'pii', action: 'redact', entities: ['UK_NHS', 'UK_NINO'], direction: 'input' },
    { type: 'pii', action: 'warn', entities: ['MAC_ADDRESS', 'CRYPTO_WALLET'], direction: 'input' },
  ],
};
