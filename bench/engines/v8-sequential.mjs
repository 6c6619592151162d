// V8 RegExp, one global regex per entity, run one after another over the text.
import { PATTERNS } from '../lib/patterns.mjs';
import { VALIDATORS, applyRedaction, resolve } from '../lib/spans.mjs';

let regexes = [];

function spans(text) {
  const found = [];
  for (const [entity, re, valid] of regexes) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (valid && !valid(m[0])) continue;
      found.push({ entity, start: m.index, end: m.index + m[0].length });
    }
  }
  return resolve(found);
}

export default {
  name: 'V8 RegExp, sequential',
  setup() {
    regexes = Object.entries(PATTERNS).map(([e, src]) => [e, new RegExp(src, 'g'), VALIDATORS[e]]);
  },
  redact: (text) => applyRedaction(text, spans(text)),
  spans,
};
