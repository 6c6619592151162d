/**
 * Splits text into the one-to-three-character pieces a model streams, the same way for the same
 * seed: for demos and tests of the inspection stream and the chat proxy (the console's live view,
 * the mock models of the tests and the benchmark).
 */
export function modelTokens(text: string, seed = 1): string[] {
  const out: string[] = [];
  let s = seed >>> 0 || 1;
  for (let i = 0; i < text.length; ) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const n = 1 + ((s >>> 16) % 3);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}
