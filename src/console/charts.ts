// Small SVG charts: no library needed for bars and lines. Each chart carries a text summary for
// screen readers, and pages show the numbers in a table beside it.
const NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(title: string, width: number, height: number): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': title }) as SVGSVGElement;
  root.append(svg('title', {}, title));
  return root;
}

const PALETTE = ['#0b4fa3', '#8a1212', '#b58100', '#14532d', '#6b21a8'];

/** Horizontal bars, one per label: findings by entity and the like. */
export function barChart(title: string, data: Array<[string, number]>): SVGSVGElement {
  const rowH = 22;
  const width = 520;
  const labelW = 170;
  const height = Math.max(1, data.length) * rowH + 10;
  const root = frame(title, width, height);
  const max = Math.max(1, ...data.map(([, v]) => v));
  data.forEach(([label, value], i) => {
    const y = 5 + i * rowH;
    const w = ((width - labelW - 50) * value) / max;
    root.append(svg('text', { x: labelW - 6, y: y + 14, 'text-anchor': 'end' }, label));
    root.append(svg('rect', { x: labelW, y: y + 3, width: Math.max(1, w), height: rowH - 8, fill: PALETTE[0], 'data-value': value }));
    root.append(svg('text', { x: labelW + w + 4, y: y + 14 }, String(value)));
  });
  return root;
}

/** Columns over time: one group per bucket, one column per series, sharing one y axis from zero. */
export function columnChart(title: string, labels: string[], series: Array<{ name: string; values: number[]; color?: string }>, unit = ''): SVGSVGElement {
  const width = 560;
  const height = 230;
  const left = 64;
  const bottom = 30;
  const top = 28;
  const root = frame(title, width, height);
  const max = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const y = (v: number) => height - bottom - ((height - bottom - top) * v) / max;
  const groups = Math.max(1, labels.length);
  const groupW = (width - left - 10) / groups;
  const barW = Math.max(1, Math.min(18, (groupW - 4) / Math.max(1, series.length)));
  root.append(svg('line', { x1: left, y1: y(0), x2: width - 10, y2: y(0), stroke: '#767676' }));
  root.append(svg('text', { x: left - 4, y: y(max) + 4, 'text-anchor': 'end' }, `${+max.toFixed(3)}${unit}`));
  root.append(svg('text', { x: left - 4, y: y(0) + 4, 'text-anchor': 'end' }, '0'));
  if (labels.length) {
    root.append(svg('text', { x: left, y: height - 8 }, labels[0]));
    if (labels.length > 1) root.append(svg('text', { x: width - 10, y: height - 8, 'text-anchor': 'end' }, labels[labels.length - 1]));
  }
  series.forEach((s, k) => {
    const color = s.color ?? PALETTE[k % PALETTE.length];
    const group = svg('g', { 'data-series': s.name, fill: color });
    s.values.forEach((v, i) => {
      const x = left + i * groupW + 2 + k * barW;
      group.append(svg('rect', { x, y: y(v), width: barW - 1, height: Math.max(0, y(0) - y(v)), 'data-value': v }));
    });
    root.append(group);
    // Legend: a swatch in the series colour, the name in text colour (contrast).
    root.append(svg('rect', { x: left + 4 + k * 100, y: 6, width: 10, height: 10, fill: color }));
    root.append(svg('text', { x: left + 18 + k * 100, y: 15 }, s.name));
  });
  return root;
}
