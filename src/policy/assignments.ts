// Which guardrails apply to a request, from their assignments and target.
import type { TextDirection } from './filter-schema.js';
import type { GuardrailConfig } from './guardrail-schema.js';

/** What a request says about itself; the tenant comes from its key, never from the body. */
export interface AssignmentContext {
  tenant: string;
  projectId?: string;
  agentId?: string;
  model?: string;
  datasourceId?: string;
}

export type Assignable = Pick<GuardrailConfig, 'assignments' | 'target' | 'enabled'>;

const FIELD = { project: 'projectId', agent: 'agentId', model: 'model', datasource: 'datasourceId' } as const;

/**
 * A guardrail applies when one of its assignments matches the context, or, with `isException`,
 * when none does (so an exception guardrail without assignments applies to everything), and its
 * target covers the direction.
 */
export function applies(g: Assignable, context: AssignmentContext, direction: TextDirection): boolean {
  if (!g.enabled) return false;
  const target = g.target.direction;
  if (target !== 'both' && target !== direction && !(target === 'input' && (direction === 'tool' || direction === 'retrieval'))) return false;
  const matched = g.assignments.some((a) => (a.entityType === 'tenant' ? context.tenant : context[FIELD[a.entityType]]) === a.entityId);
  return g.target.isException ? !matched : matched;
}
