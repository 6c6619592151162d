/** A pattern the compiler cannot accept; `position` is the UTF-16 index in the pattern source. */
export class PatternError extends Error {
  constructor(
    readonly patternName: string,
    readonly reason: string,
    readonly position?: number,
  ) {
    super(
      position === undefined
        ? `pattern "${patternName}": ${reason}`
        : `pattern "${patternName}": ${reason} at position ${position}`,
    );
    this.name = 'PatternError';
  }
}
