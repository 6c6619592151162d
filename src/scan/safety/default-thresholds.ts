// Written by `npm run train` (scripts/train-safety.mjs); do not edit by hand.
// prompt_injection: the lowest threshold (0.01 steps) scoring at most 1% of the benign validation rows at or above
// it (the validation split, never the held-out one).
// Other categories: the lowest threshold (0.05 steps, at least 0.5) that scores at most 1% of the
// benign validation prompts (role prompts, maths, XSTest's safe prompts) at or above it.
import type { SafetyScores } from './types.js';

export const DEFAULT_THRESHOLDS: Readonly<SafetyScores> = {
  violence: 0.5,
  hate: 0.5,
  sexual: 0.5,
  self_harm: 0.5,
  harassment: 0.5,
  illicit: 0.5,
  prompt_injection: 0.44,
};

/** A topic scores 0.65 with one keyword found, and as much as the share of an example's words otherwise. */
export const DEFAULT_TOPIC_THRESHOLD = 0.5;
