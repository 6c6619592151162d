// Appends the guidelines relevant to a message to a system prompt.
import type { GuardrailConfig } from './guardrail-schema.js';

type Guideline = GuardrailConfig['guidelines'][number];

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** A keyword (one or more words) occurs in the message as whole words, ignoring case. */
function mentions(messageWords: string[], keyword: string): boolean {
  const k = words(keyword);
  if (k.length === 0) return false;
  outer: for (let i = 0; i + k.length <= messageWords.length; i++) {
    for (let j = 0; j < k.length; j++) if (messageWords[i + j] !== k[j]) continue outer;
    return true;
  }
  return false;
}

/** Guidelines without keywords always apply; the others when the message mentions one of theirs. */
export function relevantGuidelines(guidelines: readonly Guideline[], message: string): Guideline[] {
  const m = words(message);
  return guidelines.filter((g) => g.keywords.length === 0 || g.keywords.some((k) => mentions(m, k)));
}

export function augmentSystemPrompt(systemPrompt: string, guidelines: readonly Guideline[]): string {
  if (guidelines.length === 0) return systemPrompt;
  const lines = guidelines.map((g) => `- ${g.title ? `${g.title}: ` : ''}${g.text}`);
  const block = `Follow these guidelines:\n${lines.join('\n')}`;
  return systemPrompt.trim() === '' ? block : `${systemPrompt.trimEnd()}\n\n${block}`;
}
