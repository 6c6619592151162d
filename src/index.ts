// Worker entry: the Hono app and the Durable Object classes. Nothing else.
import { createApp } from './app.js';

export { GuardrailRegistry } from './storage/registry.js';
export { ConversationState } from './storage/conversation.js';
export { PseudonymVault } from './storage/vault.js';

export default createApp();
