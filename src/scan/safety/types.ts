// Shapes of the safety classifier's input and output. Offsets are UTF-16 offsets into the text the
// caller passed, like every other finding of the engine.

export const SAFETY_CATEGORIES = ['violence', 'hate', 'sexual', 'self_harm', 'harassment', 'illicit', 'prompt_injection'] as const;
export type SafetyCategory = (typeof SAFETY_CATEGORIES)[number];

export type SafetyScores = Record<SafetyCategory, number>;

/** A part of the text that raised a score: what it raised, where, and by how much. */
export interface SafetySpan {
  category: SafetyCategory | 'topic';
  start: number;
  end: number;
  /** The part's own contribution (a lexicon weight, or the model's weight for a word). */
  weight: number;
}

/** A denied topic: keywords flag a message on their own, examples by similarity. */
export interface TopicSpec {
  name: string;
  keywords?: string[];
  examples?: string[];
}

export interface TopicMatch {
  name: string;
  /** 0..1: keyword hits and the closest example combined (see topics.ts). */
  score: number;
  spans: SafetySpan[];
}

export interface SafetyResult {
  scores: SafetyScores;
  topics: TopicMatch[];
  /** The spans that contributed most, strongest first, at most a few per category. */
  spans: SafetySpan[];
}

export interface ClassifyOptions {
  topics?: TopicSpec[];
}
