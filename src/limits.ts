/** Input limits of the HTTP API (documented in README "Limits"). */
export const LIMITS = {
  /** Most bytes of a request body unless a route says otherwise (CORDON docs: Limits). */
  bodyBytes: 1024 * 1024,
  /** Bodies of small control requests (rollback, keys). */
  smallBodyBytes: 64 * 1024,
  /** Most UTF-16 characters of text one scan request may carry. */
  scanTextChars: 256 * 1024,
  /** Most bytes of a scan request body (text at up to 3 bytes per character, plus options). */
  scanBodyBytes: 1024 * 1024,
  /** Custom patterns per request. */
  patterns: 50,
  /** Characters of one custom pattern. */
  patternChars: 1000,
  /** States the custom patterns' own automata may have together: bounds a request's compile time. */
  patternStates: 20_000,
  /** Words over all word lists of one request. */
  words: 5000,
  wordChars: 100,
} as const;
