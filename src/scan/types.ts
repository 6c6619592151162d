/** A detected span. Offsets are UTF-16 code units into the text the caller passed (JS `slice`). */
export interface Finding {
  entity: string;
  start: number;
  end: number;
  score: number;
}
