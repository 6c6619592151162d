// Metrics: requests and verdicts over time, findings by entity, latency percentiles, false
// positives per filter; the audit trail with its verification; webhook deliveries.
import { api } from '../api.js';
import { barChart, columnChart } from '../charts.js';
import { clear, field, h, notice } from '../dom.js';
import { guardrailOptions } from './playground.js';
import { errorView } from './guardrails.js';

type Percentiles = { p50: number | null; p95: number | null; p99: number | null };
interface Counts {
  requests: number;
  verdicts: Record<string, number>;
  findings: { total: number; byEntity: Record<string, number>; byFilter: Record<string, number> };
  latency: Percentiles;
  feedback: { total: number; falsePositives: number; byFilter: Record<string, { feedback: number; falsePositives: number; falsePositiveRate: number | null }> };
  falsePositiveRate: number | null;
}
interface MetricsAnswer { series: Array<Counts & { start: string }>; totals: Counts }

/** The verdict colours of the rest of the console (ALLOW green … BLOCK red). */
const VERDICT_COLORS: Record<string, string> = { ALLOW: '#14532d', WARN: '#b58100', REDACT: '#0b4fa3', BLOCK: '#8a1212' };

const ms = (v: number | null) => (v === null ? '–' : `${v.toFixed(2)} ms`);
const table = (head: string[], rows: Array<Array<string | number>>) =>
  h('table', {}, h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))), h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, String(c)))))));

async function guardrailMetrics(out: HTMLElement, id: string, interval: string): Promise<void> {
  const m = await api<MetricsAnswer>('GET', `/v1/guardrails/${id}/metrics?interval=${interval}&limit=1000`);
  const t = m.totals;
  const labels = m.series.map((s) => new Date(s.start).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
  const verdicts = ['ALLOW', 'WARN', 'REDACT', 'BLOCK'];
  const entities = Object.entries(t.findings.byEntity).sort((a, b) => b[1] - a[1]);
  clear(
    out,
    h('p', { 'data-testid': 'totals' }, `${t.requests} requests · ${t.findings.total} findings · latency p50 ${ms(t.latency.p50)}, p95 ${ms(t.latency.p95)}, p99 ${ms(t.latency.p99)} · false-positive rate ${t.falsePositiveRate === null ? 'no feedback yet' : `${(t.falsePositiveRate * 100).toFixed(1)}%`}`),
    h('h2', {}, 'Requests and verdicts'),
    m.series.length
      ? columnChart('Requests and verdicts per bucket', labels, [{ name: 'requests', values: m.series.map((s) => s.requests), color: '#4a4a4a' }, ...verdicts.map((v) => ({ name: v, values: m.series.map((s) => s.verdicts[v] ?? 0), color: VERDICT_COLORS[v] }))])
      : notice('No evaluations in this range yet.'),
    table(['Verdict', 'Count'], verdicts.map((v) => [v, t.verdicts[v] ?? 0])),
    h('h2', {}, 'Findings by entity'),
    entities.length ? barChart('Findings by entity', entities) : notice('No findings yet.'),
    h('h2', {}, 'Latency'),
    m.series.length ? columnChart('Evaluation latency p50 and p99 per bucket (ms)', labels, [{ name: 'p50', values: m.series.map((s) => s.latency.p50 ?? 0) }, { name: 'p99', values: m.series.map((s) => s.latency.p99 ?? 0) }], ' ms') : null,
    table(['p50', 'p95', 'p99'], [[ms(t.latency.p50), ms(t.latency.p95), ms(t.latency.p99)]]),
    h('h2', {}, 'False positives per filter'),
    Object.keys(t.feedback.byFilter).length
      ? table(['Filter', 'Feedback', 'False positives', 'Rate'], Object.entries(t.feedback.byFilter).map(([f, v]) => [f, v.feedback, v.falsePositives, v.falsePositiveRate === null ? '–' : `${(v.falsePositiveRate * 100).toFixed(1)}%`]))
      : notice('No feedback yet (POST /v1/evaluations/:id/feedback).'),
  );
}

async function auditSection(out: HTMLElement): Promise<void> {
  const [verify, list] = await Promise.all([
    api<{ ok: boolean; checked: number; brokenAt?: { seq: number }; reason?: string }>('GET', '/v1/audit/verify'),
    api<{ entries: Array<{ seq: number; at: string; actor: string; action: string; target: string }> }>('GET', '/v1/audit?limit=100'),
  ]);
  clear(
    out,
    verify.ok
      ? notice(`Chain verified: ${verify.checked} entries intact.`, 'ok')
      : notice(`Chain broken at entry ${verify.brokenAt?.seq}: ${verify.reason}`, 'error'),
    table(['#', 'Time', 'Actor', 'Action', 'Target'], list.entries.slice(-25).reverse().map((e) => [e.seq, new Date(e.at).toLocaleString(), e.actor, e.action, e.target])),
  );
}

async function webhookSection(out: HTMLElement): Promise<void> {
  const { webhooks } = await api<{ webhooks: Array<{ id: string; url: string; events: string[] }> }>('GET', '/v1/webhooks?limit=20');
  if (webhooks.length === 0) return clear(out, notice('No webhooks.'));
  const rows: Array<Array<string | number>> = [];
  for (const w of webhooks.slice(0, 5)) {
    const { deliveries } = await api<{ deliveries: Array<{ eventType: string; status: string; attempts: number; createdAt: string }> }>('GET', `/v1/webhooks/${w.id}/deliveries?limit=20`);
    for (const d of deliveries) rows.push([new URL(w.url).host, d.eventType, d.status, d.attempts, new Date(d.createdAt).toLocaleString()]);
  }
  clear(out, rows.length ? table(['Receiver', 'Event', 'Status', 'Attempts', 'Created'], rows) : notice('No deliveries yet.'));
}

export async function metrics(root: HTMLElement): Promise<void> {
  const guardrail = await guardrailOptions();
  const interval = h('select', {}, h('option', { value: 'PT1M' }, 'per minute (last hour)'), h('option', { value: 'PT1H' }, 'per hour (last day)'), h('option', { value: 'P1D' }, 'per day (last 30 days)')) as HTMLSelectElement;
  const out = h('section', { 'aria-live': 'polite', 'aria-label': 'Guardrail metrics' });
  const audit = h('section', { 'aria-label': 'Audit trail' });
  const hooks = h('section', { 'aria-label': 'Webhook deliveries' });
  const show = async () => {
    if (!guardrail.value) return clear(out, notice('No active guardrail yet.'));
    clear(out, notice('Loading…'));
    try {
      await guardrailMetrics(out, guardrail.value, interval.value);
    } catch (e) {
      clear(out, errorView(e));
    }
  };
  guardrail.addEventListener('change', show);
  interval.addEventListener('change', show);
  clear(root, h('h1', {}, 'Metrics'), h('div', { class: 'row' }, field('Guardrail', guardrail), field('Interval', interval)), out, h('h2', {}, 'Audit trail'), audit, h('h2', {}, 'Webhook deliveries'), hooks);
  await Promise.all([
    show(),
    auditSection(audit).catch((e) => clear(audit, errorView(e))),
    webhookSection(hooks).catch((e) => clear(hooks, errorView(e))),
  ]);
}
