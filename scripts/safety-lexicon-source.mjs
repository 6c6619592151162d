// Builds the classifier's lexicon from the word lists and curated terms in data/safety/:
//   - lexicon/curated.tsv: our own weighted phrases per category (and benign exceptions);
//   - wordlists/surge-ai_profanity_en.csv: profanity with categories and a 1-3 severity;
//   - wordlists/ldnoobw_en.txt: English "bad words", mostly sexual, unrated.
// Every term is normalised like the text it is matched against; duplicates merge, the largest
// weight per category winning.
import { readFileSync } from 'node:fs';
import { normalizeText } from '../dist/scan/normalize.js';

const DATA = new URL('../data/safety/', import.meta.url);

/** surge-ai categories → ours, with a factor on the severity weight. */
const SURGE = {
  'sexual anatomy / sexual acts': [['sexual', 1]],
  'racial / ethnic slurs': [['hate', 1]],
  'religious offense': [['hate', 0.6]],
  'sexual orientation / gender': [['harassment', 1]],
  'mental disability': [['harassment', 1]],
  'physical disability': [['harassment', 1]],
  'physical attributes': [['harassment', 1]],
  'animal references': [['harassment', 0.7]],
  'other / general insult': [['harassment', 1]],
  political: [['harassment', 0.7]],
  // Swearing about excrement is crude, not aimed at anyone: it weighs little.
  'bodily fluids / excrement': [['harassment', 0.4]],
};
/** Severity 1 (mild) .. 3 (severe) → weight: mild alone stays under a 0.5 score, severe is 0.8. */
const severityWeight = (rating) => 0.2 + (Math.min(3, Math.max(1, rating)) - 1) * 0.7;
/** Slurs about orientation or gender rated severe are hate as well as harassment. */
const SEVERE_SLUR = 2.5;
/** LDNOOBW terms carry no rating: one alone stays under the default threshold. */
const LDNOOBW_WEIGHT = 0.6;

function parseCsvLine(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') field += '"', i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') out.push(field), (field = '');
    else field += c;
  }
  out.push(field);
  return out;
}

export function buildLexicon() {
  /** term → { category: weight } */
  const terms = new Map();
  const add = (raw, category, weight) => {
    const term = normalizeText(raw).text.replace(/\s+/g, ' ').trim();
    if (term.length < 2) return;
    const weights = terms.get(term) ?? {};
    if (category === 'benign') {
      terms.set(term, weights);
      return;
    }
    weights[category] = Math.max(weights[category] ?? 0, Math.round(weight * 100) / 100);
    terms.set(term, weights);
  };
  const csv = readFileSync(new URL('wordlists/surge-ai_profanity_en.csv', DATA), 'utf8').split('\n').filter((l) => l.trim());
  const columns = parseCsvLine(csv[0]);
  for (const line of csv.slice(1)) {
    const row = Object.fromEntries(parseCsvLine(line).map((v, i) => [columns[i], v]));
    const weight = severityWeight(Number(row.severity_rating));
    for (const cat of [row.category_1, row.category_2, row.category_3].filter(Boolean)) {
      for (const [ours, factor] of SURGE[cat] ?? []) add(row.text, ours, weight * factor);
      if (cat === 'sexual orientation / gender' && Number(row.severity_rating) >= SEVERE_SLUR) add(row.text, 'hate', weight);
    }
  }
  for (const word of readFileSync(new URL('wordlists/ldnoobw_en.txt', DATA), 'utf8').split('\n')) {
    if (word.trim() && !terms.has(normalizeText(word).text.trim())) add(word, 'sexual', LDNOOBW_WEIGHT);
  }
  // Curated terms last: where they repeat a list's term, their weight is the one we meant.
  for (const line of readFileSync(new URL('lexicon/curated.tsv', DATA), 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [category, weight, term] = line.split('\t');
    const key = normalizeText(term).text.replace(/\s+/g, ' ').trim();
    const existing = terms.get(key);
    if (existing && category !== 'benign' && existing[category] !== undefined) delete existing[category];
    add(term, category, Number(weight));
  }
  return [...terms].map(([term, weights]) => ({ term, weights })).sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
}
