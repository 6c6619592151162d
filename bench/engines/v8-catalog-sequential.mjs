// V8 RegExp running every catalog pattern (the same detectors as Cordon-all), one after another.
import { catalogPatterns } from '../lib/catalog-regexps.mjs';
import { applyRedaction, resolve } from '../lib/spans.mjs';

let regexes = [];

function spans(text) {
  const found = [];
  for (const { entity, re } of regexes) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(text)) !== null) {
      if (m[0].length === 0) re.lastIndex++;
      else found.push({ entity, start: m.index, end: m.index + m[0].length });
    }
  }
  return resolve(found);
}

export default {
  name: 'V8 RegExp, catalog patterns sequential',
  setup() {
    regexes = catalogPatterns().map((p) => ({ entity: p.entity, re: new RegExp(p.source, `g${p.flags}`) }));
  },
  redact: (text) => applyRedaction(text, spans(text)),
};
