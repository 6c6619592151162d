// Per-conversation escalation state: how many violations a conversation has had. One small
// Durable Object per (tenant, guardrail, conversation); it forgets itself when its TTL runs out.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.js';

interface State {
  violations: number;
  expiresAt: number;
}

export class ConversationState extends DurableObject<Bindings> {
  /**
   * Returns the violations counted before this call, then counts this one if it is a violation.
   * The TTL restarts with every violation: a conversation that keeps misbehaving stays escalated.
   */
  async record(violation: boolean, ttlSeconds: number): Promise<number> {
    const now = Date.now();
    const state = (await this.ctx.storage.get<State>('state')) ?? { violations: 0, expiresAt: 0 };
    const before = state.expiresAt > now ? state.violations : 0;
    if (violation) {
      const next: State = { violations: before + 1, expiresAt: now + ttlSeconds * 1000 };
      await this.ctx.storage.put('state', next);
      await this.ctx.storage.setAlarm(next.expiresAt);
    }
    return before;
  }

  override async alarm(): Promise<void> {
    const state = await this.ctx.storage.get<State>('state');
    if (state && state.expiresAt > Date.now()) await this.ctx.storage.setAlarm(state.expiresAt);
    else await this.ctx.storage.deleteAll();
  }
}
