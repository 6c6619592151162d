// Worker entry: the Hono app and the Durable Object classes. Nothing else.
import { createApp } from './app.js';

export { GuardrailRegistry } from './storage/registry.js';
export { ConversationState } from './storage/conversation.js';
export { GuardrailMetrics } from './storage/metrics.js';
export { EvaluationLedger } from './storage/ledger.js';
export { AuditLog } from './storage/audit.js';
export { WebhookHub } from './storage/webhooks.js';
export { PseudonymVault } from './storage/vault.js';

export default createApp();
