import type { Detector } from './types.js';

/**
 * The README's entity table, generated from the catalog (one row per entity; an entity with
 * several detectors lists each validator). `npm run docs:entities` prints it; a test keeps the
 * README in step.
 */
export function entityTable(detectors: readonly Detector[]): string {
  const byEntity = new Map<string, Detector[]>();
  for (const d of detectors) byEntity.set(d.entity, [...(byEntity.get(d.entity) ?? []), d]);
  const rows = [...byEntity.entries()].map(([entity, ds]) => {
    const groups = [...new Set(ds.flatMap((d) => d.groups))].join(', ');
    const checks = [...new Set(ds.map((d) => (d.validator ? `${d.validator}${d.checksum ? ' (checksum)' : ''}` : d.minEntropy ? 'entropy' : '—')))];
    const example = ds[0].examples.positive[0]?.match ?? '';
    const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const shown = example.length > 40 ? `${example.slice(0, 37)}…` : example;
    return `| \`${entity}\` | ${groups} | ${cell(ds[0].description)} | ${checks.join(', ')} | ${shown ? `\`${cell(shown)}\`` : ''} |`;
  });
  return ['| entity | groups | what it finds | checked by | example |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}
