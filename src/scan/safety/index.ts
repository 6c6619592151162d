export { createSafetyClassifier, preloadLexiconTables, type SafetyClassifier, type SafetyClassifierOptions } from './classifier.js';
export { DEFAULT_THRESHOLDS, DEFAULT_TOPIC_THRESHOLD } from './default-thresholds.js';
export { checkTopics } from './topics.js';
export { lexiconTablesKey, lexiconScannerOptions, type LexiconTerm } from './lexicon.js';
export { readWeights, type SafetyWeights } from './weights-file.js';
export {
  SAFETY_CATEGORIES, type SafetyCategory, type SafetyScores, type SafetySpan, type SafetyResult, type TopicSpec, type TopicMatch,
  type ClassifyOptions,
} from './types.js';
