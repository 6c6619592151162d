import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/scan/catalog/index.js';
import { entityTable } from '../../src/scan/catalog/entity-table.js';

describe('README', () => {
  it('shows the entity table generated from the catalog (npm run docs:entities)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = /<!-- entities:start -->\n([\s\S]*)\n<!-- entities:end -->/.exec(readme)?.[1];
    expect(table).toBe(entityTable(DETECTORS));
  });
});
