import type { Direction, TextDirection } from './filter-schema.js';

/**
 * Whether a filter set to `filter` inspects text flowing in `text`. `both` means prompts and
 * answers; tool results and retrieved documents are inspected only by filters that name them,
 * so a guardrail says explicitly that it looks at third-party content.
 */
export function covers(filter: Direction, text: TextDirection): boolean {
  return filter === text || (filter === 'both' && (text === 'input' || text === 'output'));
}
