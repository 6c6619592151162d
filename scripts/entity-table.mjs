// Writes the entity table generated from the built catalog into README.md, between the
// `entities` markers (run through `npm run docs:entities`, which builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { DETECTORS } from '../dist/scan/catalog/index.js';
import { entityTable } from '../dist/scan/catalog/entity-table.js';

const readmeUrl = new URL('../README.md', import.meta.url);
const readme = readFileSync(readmeUrl, 'utf8');
const marked = /<!-- entities:start -->[\s\S]*<!-- entities:end -->/;
if (!marked.test(readme)) throw new Error('README.md has no <!-- entities:start/end --> markers');
writeFileSync(readmeUrl, readme.replace(marked, `<!-- entities:start -->\n${entityTable(DETECTORS)}\n<!-- entities:end -->`));
console.log(`README.md: entity table for ${new Set(DETECTORS.map((d) => d.entity)).size} entities`);
