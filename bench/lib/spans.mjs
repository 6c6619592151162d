// Shared helpers for the V8 RegExp engines: validators, overlap resolution, redaction.

export function luhn(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardValid(value) {
  const d = value.replace(/[ -]/g, '');
  return d.length >= 13 && d.length <= 19 && luhn(d);
}

export function ibanValid(value) {
  const s = value.replace(/ /g, '');
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 65) rem = (rem * 100 + (c - 55)) % 97;
    else rem = (rem * 10 + (c - 48)) % 97;
  }
  return rem === 1;
}

export const VALIDATORS = { CREDIT_CARD: cardValid, IBAN: ibanValid };

/** Sorts spans and drops any that overlap an earlier (or, at the same start, longer) one. */
export function resolve(spans) {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out = [];
  let end = -1;
  for (const s of spans) {
    if (s.start >= end) {
      out.push(s);
      end = s.end;
    }
  }
  return out;
}

/** Replaces non-overlapping sorted spans with [ENTITY]. */
export function applyRedaction(text, spans) {
  if (spans.length === 0) return text;
  const parts = [];
  let at = 0;
  for (const s of spans) {
    parts.push(text.slice(at, s.start), `[${s.entity}]`);
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
