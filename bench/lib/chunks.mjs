// Splits a transcript into chunks of whole chat messages of at most `max` characters (a message
// longer than that is cut). Used only for engines whose single call is superlinear in the length.
import { DELIMITER } from '../corpus.mjs';

export function messageChunks(text, max) {
  if (text.length <= max) return [text];
  const out = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + max);
    if (end < text.length) {
      const cut = text.lastIndexOf(DELIMITER, end);
      if (cut > start) end = cut; // the delimiter starts the next chunk
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}
