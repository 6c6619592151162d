// Checks a config beyond its shape: names that must exist or be unique, patterns that must
// compile within the state budget. Every failure is a 400 naming the field.
import { badRequest } from '../errors.js';
import { parseOr400 } from '../http/validate.js';
import { DEFAULT_LIMITS } from '../scan/compiler/index.js';
import { PatternError, compilePatterns, resolveEntities } from '../scan/index.js';
import { customPatternSet } from '../scan/patterns.js';
import { PATTERN_STATE_BUDGET, filterIds, selectedEntities } from './compile.js';
import { SAFETY_CATEGORIES } from './filter-schema.js';
import { type GuardrailConfig, GUARDRAIL_LIMITS, guardrailConfigSchema } from './guardrail-schema.js';

/** Entities of the checks that are not patterns: safety categories, topics, response and model checks. */
const CHECK_ENTITIES = [
  ...SAFETY_CATEGORIES.map((c) => c.toUpperCase()),
  'PROMPT_INJECTION',
  'DENIED_TOPIC',
  'RESPONSE_NOT_JSON',
  'RESPONSE_MISSING_FIELD',
  'RESPONSE_TOO_LONG',
  'MODEL_NOT_ALLOWED',
  'MAX_TOKENS_EXCEEDED',
  'TEMPERATURE_OUT_OF_RANGE',
];

const PATTERN_LIMITS = { ...DEFAULT_LIMITS, maxTotalStates: PATTERN_STATE_BUDGET };

export function parseGuardrailConfig(value: unknown): GuardrailConfig {
  const size = new TextEncoder().encode(JSON.stringify(value) ?? '').byteLength;
  if (size > GUARDRAIL_LIMITS.configBytes) {
    throw badRequest(`config: ${size} bytes of JSON, at most ${GUARDRAIL_LIMITS.configBytes}`, '', { limit: GUARDRAIL_LIMITS.configBytes });
  }
  const config = parseOr400(guardrailConfigSchema, value);
  checkNames(config);
  checkPatterns(config);
  return config;
}

function checkNames(config: GuardrailConfig): void {
  const ids = filterIds(config.filters);
  const seenIds = new Set<string>();
  const catalog = new Set(resolveEntities(undefined));
  const custom = new Map<string, number>();
  config.filters.forEach((f, i) => {
    if (seenIds.has(ids[i])) throw badRequest(`filters[${i}].id: "${ids[i]}" is used by another filter`, `filters[${i}].id`);
    seenIds.add(ids[i]);
    if (f.type === 'pii' || f.type === 'secrets') {
      try {
        selectedEntities(f);
      } catch (e) {
        const m = /^entities\[(\d+)\]: (.*)$/.exec((e as Error).message);
        throw badRequest(`filters[${i}].entities${m ? `[${m[1]}]: ${m[2]}` : ': unknown entity'}`, `filters[${i}].entities${m ? `[${m[1]}]` : ''}`);
      }
    }
    if (f.type === 'pattern' || f.type === 'words') {
      const path = `filters[${i}].name`;
      if (catalog.has(f.name)) throw badRequest(`${path}: "${f.name}" is a catalog entity; pick another name`, path);
      // Words filters may share a name (one entity, several lists); a pattern's name is its own.
      const other = custom.get(f.name);
      if (other !== undefined && (f.type === 'pattern' || config.filters[other].type === 'pattern')) {
        throw badRequest(`${path}: "${f.name}" is already the name of filters[${other}]`, path);
      }
      custom.set(f.name, i);
    }
  });
  const known = new Set([...catalog, ...custom.keys(), ...CHECK_ENTITIES]);
  config.tests.forEach((t, i) =>
    t.expectEntities?.forEach((e, j) => {
      if (!known.has(e)) throw badRequest(`tests[${i}].expectEntities[${j}]: no filter reports this entity`, `tests[${i}].expectEntities[${j}]`);
    }),
  );
}

/** Each pattern alone, then all custom patterns and word lists together, within the state budget. */
function checkPatterns(config: GuardrailConfig): void {
  const patterns: Array<{ i: number; name: string; pattern: string; flags?: string }> = [];
  const words: Array<{ i: number; name: string; words: string[]; caseSensitive: boolean; wholeWord: boolean }> = [];
  config.filters.forEach((f, i) => {
    if (f.type === 'pattern') patterns.push({ i, name: f.name, pattern: f.pattern, flags: f.flags });
    if (f.type === 'words') words.push({ i, ...f });
  });
  if (patterns.length + words.length === 0) return;
  for (const p of patterns) compileOr400(() => compilePatterns([p], PATTERN_LIMITS), `filters[${p.i}].pattern`);
  for (const w of words) compileOr400(() => compilePatterns(customPatternSet([], [w]).sources, PATTERN_LIMITS), `filters[${w.i}].words`);
  compileOr400(() => compilePatterns(customPatternSet(patterns, words).sources, PATTERN_LIMITS), 'filters');
}

function compileOr400(compile: () => unknown, path: string): void {
  try {
    compile();
  } catch (e) {
    if (e instanceof PatternError) {
      throw badRequest(`${path}: ${e.reason}`, path, { reason: e.reason, ...(e.position !== undefined ? { position: e.position } : {}) });
    }
    throw e;
  }
}
