// Turns a guardrail config into what evaluation runs: per direction, one scanner for every
// pattern-based filter (one automaton pass), and which filter owns each entity it reports.
import { ENTITY_GROUPS, type RedactOptions, type ScannerOptions, resolveEntities } from '../scan/index.js';
import type { WordList } from '../scan/patterns.js';
import { type NormalizeOptions, normalizeText } from '../scan/normalize.js';
import { covers } from './directions.js';
import type { Action, Filter, TextDirection } from './filter-schema.js';
import type { GuardrailConfig } from './guardrail-schema.js';
import { strongerAction } from './verdict.js';

export interface ScannerSpec {
  /** Identifies the option set: equal keys share one compiled scanner. */
  key: string;
  options: ScannerOptions;
}

export interface EntityOwner {
  filter: string;
  action: Action;
}

type FilterOf<T extends Filter['type']> = Extract<Filter, { type: T }> & { id: string };
export type WordsFilter = FilterOf<'words'>;
export type ResponseSchemaFilter = FilterOf<'response_schema'>;
export type SafetyFilter = FilterOf<'content_safety'> | FilterOf<'prompt_injection'> | FilterOf<'topics'>;

export interface DirectionPlan {
  /** Catalog detectors, custom patterns and word lists of this direction; absent when none. */
  scanner?: ScannerSpec;
  owners: Map<string, EntityOwner>;
  /** Per-entity redaction; entities whose filter does not redact are left visible. */
  redact: RedactOptions;
  /**
   * Word filters that undo obfuscation, grouped by how they normalise: each group is one scan of
   * the text normalised that way, over the group's lists (normalised alike at compile time).
   */
  normalizedWords: NormalizedWordGroup[];
  responseChecks: ResponseSchemaFilter[];
  safety: SafetyFilter[];
}

export interface NormalizedWordGroup {
  normalize: NormalizeOptions;
  scanner: ScannerSpec;
  /** The filter a hit of each entity belongs to (the strongest action when lists share a name). */
  filterOf: Map<string, WordsFilter>;
}

export interface CompiledGuardrail {
  readonly id: string;
  readonly version: number;
  readonly config: GuardrailConfig;
  plan(direction: TextDirection): DirectionPlan;
}

/** Filter ids as findings show them: the configured id, else `<type>-<n>` counted per type. */
export function filterIds(filters: readonly Filter[]): string[] {
  const counts = new Map<string, number>();
  return filters.map((f) => {
    const n = (counts.get(f.type) ?? 0) + 1;
    counts.set(f.type, n);
    return f.id ?? `${f.type}-${n}`;
  });
}

/** Catalog entities a pii or secrets filter selects (`all` depends on the filter type). */
export function selectedEntities(filter: Extract<Filter, { type: 'pii' | 'secrets' }>): string[] {
  if (filter.entities !== 'all') return resolveEntities(filter.entities);
  const secrets = new Set(ENTITY_GROUPS.secrets);
  return resolveEntities(undefined).filter((e) => (filter.type === 'secrets') === secrets.has(e));
}

export function compileGuardrail(id: string, version: number, config: GuardrailConfig): CompiledGuardrail {
  const ids = filterIds(config.filters);
  const filters = config.filters.map((f, i) => ({ ...f, id: ids[i] }));
  const plans = new Map<TextDirection, DirectionPlan>();
  return {
    id,
    version,
    config,
    plan(direction) {
      let plan = plans.get(direction);
      if (!plan) plans.set(direction, (plan = buildPlan(filters.filter((f) => f.enabled && covers(f.direction, direction)))));
      return plan;
    },
  };
}

function buildPlan(filters: Array<Filter & { id: string }>): DirectionPlan {
  const owners = new Map<string, EntityOwner>();
  const own = (entity: string, f: Filter & { id: string }): boolean => {
    const current = owners.get(entity);
    if (current && !strongerAction(f.action, current.action)) return false;
    owners.set(entity, { filter: f.id, action: f.action });
    return true;
  };
  const minScoreByEntity: Record<string, number> = {};
  const byEntity: NonNullable<RedactOptions['byEntity']> = {};
  const entities = new Set<string>();
  const patterns: NonNullable<ScannerOptions['patterns']> = [];
  const words: WordList[] = [];
  const plan: DirectionPlan = { owners, redact: { byEntity }, normalizedWords: [], responseChecks: [], safety: [] };
  const obfuscated: WordsFilter[] = [];

  for (const f of filters) {
    switch (f.type) {
      case 'pii':
      case 'secrets':
        for (const e of selectedEntities(f)) {
          entities.add(e);
          if (!own(e, f)) continue;
          if (f.minScore !== undefined) minScoreByEntity[e] = f.minScore;
          else delete minScoreByEntity[e];
          byEntity[e] = f.action === 'redact' ? (f.redaction ?? {}) : false;
        }
        break;
      case 'pattern':
        patterns.push({ name: f.name, pattern: f.pattern, flags: f.flags });
        own(f.name, f);
        byEntity[f.name] = f.action === 'redact' ? replacementOptions(f.replacement) : false;
        break;
      case 'words':
        words.push({ name: f.name, words: f.words, caseSensitive: f.caseSensitive, wholeWord: f.wholeWord });
        own(f.name, f);
        byEntity[f.name] = f.action === 'redact' ? replacementOptions(f.replacement) : false;
        if (Object.values(f.normalize).some(Boolean)) obfuscated.push(f);
        break;
      case 'response_schema':
        plan.responseChecks.push(f);
        break;
      default:
        plan.safety.push(f);
    }
  }
  plan.normalizedWords = groupNormalizedWords(obfuscated);
  // Frozen: the engine checks a frozen redaction once, not on every call.
  for (const own of Object.values(byEntity)) if (own) Object.freeze(own);
  Object.freeze(byEntity);
  Object.freeze(plan.redact);
  if (entities.size + patterns.length + words.length > 0) {
    // Catalog order keeps equal selections on one compiled automaton.
    const options: ScannerOptions = {
      entities: resolveEntities([...entities]),
      patterns,
      words,
      minScore: DEFAULT_MIN_SCORE,
      minScoreByEntity,
      maxPatternStates: PATTERN_STATE_BUDGET,
    };
    plan.scanner = { key: JSON.stringify(options), options };
  }
  return plan;
}

function groupNormalizedWords(filters: readonly WordsFilter[]): NormalizedWordGroup[] {
  const groups = new Map<string, { normalize: NormalizeOptions; filters: WordsFilter[] }>();
  for (const f of filters) {
    const normalize = { leet: f.normalize.leet, spacing: f.normalize.spacing, homoglyphs: f.normalize.homoglyphs };
    const key = JSON.stringify(normalize);
    const g = groups.get(key) ?? { normalize, filters: [] };
    g.filters.push(f);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ normalize, filters: group }) => {
    const filterOf = new Map<string, WordsFilter>();
    for (const f of group) {
      const current = filterOf.get(f.name);
      if (!current || strongerAction(f.action, current.action)) filterOf.set(f.name, f);
    }
    // The words as the text will look once normalised (spacing is a property of text, not of a word).
    const lists = group.map((f) => ({ name: f.name, words: f.words.map((w) => normalizeText(w, { spacing: false }).text), caseSensitive: false, wholeWord: f.wholeWord }));
    const options: ScannerOptions = { entities: [], words: lists, minScore: 0, maxPatternStates: PATTERN_STATE_BUDGET };
    return { normalize, scanner: { key: JSON.stringify(options), options }, filterOf };
  });
}

/** A pii or secrets filter without `minScore` reports findings scoring at least this. */
export const DEFAULT_MIN_SCORE = 0.5;
/**
 * States a guardrail's custom patterns and word lists may compile to together. A version is
 * compiled once per isolate, so this may be larger than what one /v1/scan request gets.
 */
export const PATTERN_STATE_BUDGET = 40_000;

function replacementOptions(replacement: string | undefined): RedactOptions {
  return replacement === undefined ? {} : { mode: 'placeholder', format: replacement };
}
