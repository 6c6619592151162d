// Detection quality against the corpus labels.
//
// spanMetrics: for engines that report spans. A predicted span is a true positive if it overlaps a
//   labelled span; precision = such spans / all predicted spans (any entity type), recall =
//   labels overlapped by some predicted span / all labels.
// textMetrics: for every engine, from its redacted output alone. The transcript is split on the
//   message delimiter (which no engine alters; checked), and within each message a labelled value
//   counts as caught when it no longer appears verbatim in the output message; a hard negative
//   counts as a false positive when it no longer appears verbatim (it was altered).

export const PII5 = new Set(['EMAIL', 'PHONE', 'CREDIT_CARD', 'US_SSN', 'IP_ADDRESS']);

function overlapFlags(sortedA, sortedB) {
  // For each span of A, whether it overlaps any span of B (both sorted by start).
  const flags = new Uint8Array(sortedA.length);
  const bByEnd = sortedB;
  let j = 0; // B before j end at or before the current (and every later) A start
  for (let i = 0; i < sortedA.length; i++) {
    const a = sortedA[i];
    while (j < bByEnd.length && bByEnd[j].end <= a.start) j++;
    for (let k = j; k < bByEnd.length && bByEnd[k].start < a.end; k++) {
      if (bByEnd[k].end > a.start) {
        flags[i] = 1;
        break;
      }
    }
  }
  return flags;
}

const byStart = (a, b) => a.start - b.start || a.end - b.end;

export function spanMetrics(predicted, labels, negatives) {
  const p = [...predicted].sort(byStart);
  const l = [...labels].sort(byStart);
  const n = [...negatives].sort(byStart);
  const pHit = overlapFlags(p, l);
  const lHit = overlapFlags(l, p);
  const nHit = overlapFlags(n, p);
  const tp = pHit.reduce((s, x) => s + x, 0);
  const caught = lHit.reduce((s, x) => s + x, 0);
  return {
    predicted: p.length,
    precision: p.length ? tp / p.length : 1,
    recall: l.length ? caught / l.length : 0,
    negativeHits: nHit.reduce((s, x) => s + x, 0) / Math.max(1, n.length),
  };
}

export function textMetrics(text, output, labels, negatives, delimiter) {
  const starts = [0];
  for (let at = text.indexOf(delimiter); at !== -1; at = text.indexOf(delimiter, at + 1)) starts.push(at + delimiter.length);
  const outMessages = output.split(delimiter);
  if (outMessages.length !== starts.length) {
    return { error: `output has ${outMessages.length} messages, input ${starts.length}: cannot align` };
  }
  const messageOf = (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const perEntity = {};
  let caught = 0;
  let caught5 = 0;
  let total5 = 0;
  for (const lab of labels) {
    const value = text.slice(lab.start, lab.end);
    const hit = !outMessages[messageOf(lab.start)].includes(value);
    const e = (perEntity[lab.entity] ??= { total: 0, caught: 0 });
    e.total++;
    if (hit) {
      e.caught++;
      caught++;
    }
    if (PII5.has(lab.entity)) {
      total5++;
      if (hit) caught5++;
    }
  }
  const perKind = {};
  let altered = 0;
  for (const neg of negatives) {
    const value = text.slice(neg.start, neg.end);
    const hit = !outMessages[messageOf(neg.start)].includes(value);
    const k = (perKind[neg.kind] ??= { total: 0, altered: 0 });
    k.total++;
    if (hit) {
      k.altered++;
      altered++;
    }
  }
  return {
    recall: caught / Math.max(1, labels.length),
    recall5: caught5 / Math.max(1, total5),
    fpRate: altered / Math.max(1, negatives.length),
    perEntity,
    perKind,
  };
}
