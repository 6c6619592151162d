// Playground: evaluate any text with a guardrail and see every finding highlighted in place.
import { api } from '../api.js';
import { clear, field, h, notice } from '../dom.js';
import { errorView } from './guardrails.js';

interface Finding { filter: string; entity: string; start: number; end: number; score: number; action: string }
interface Result { verdict: string; findings: Finding[]; redactedText?: string; guardrail: { id: string; version: number }; decisionLayer: string }

/** The text with each finding wrapped in a <mark> naming entity, score and filter. */
export function highlighted(text: string, findings: Finding[]): HTMLElement {
  const out = h('div', { class: 'highlighted', 'data-testid': 'highlighted' });
  let at = 0;
  for (const f of [...findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at || f.end <= f.start) continue; // zero-width checks (model limits) mark nothing
    out.append(text.slice(at, f.start));
    const label = `${f.entity} (score ${f.score}, filter ${f.filter}, ${f.action})`;
    out.append(h('mark', { class: `finding ${f.action}`, title: label, 'aria-label': label, 'data-entity': f.entity }, text.slice(f.start, f.end)));
    at = f.end;
  }
  out.append(text.slice(at));
  return out;
}

export async function guardrailOptions(): Promise<HTMLSelectElement> {
  const { guardrails } = await api<{ guardrails: Array<{ id: string; name: string; activeVersion: number | null }> }>('GET', '/v1/guardrails?limit=100');
  return h('select', {}, ...guardrails.filter((g) => g.activeVersion !== null).map((g) => h('option', { value: g.id }, `${g.name} (${g.id})`))) as HTMLSelectElement;
}

export async function playground(root: HTMLElement): Promise<void> {
  const guardrail = await guardrailOptions();
  const direction = h('select', {}, ...['input', 'output', 'tool', 'retrieval'].map((d) => h('option', { value: d }, d))) as HTMLSelectElement;
  const text = h('textarea', { rows: 8 }) as HTMLTextAreaElement;
  text.value = 'Hi, I am Jane (jane.doe@example.com, +1 212-555-0123). My card is 4111 1111 1111 1111.';
  const redactedToggle = h('input', { type: 'checkbox' }) as HTMLInputElement;
  const out = h('section', { 'aria-live': 'polite', 'aria-label': 'Result' });
  let last: { text: string; result: Result } | undefined;

  const render = () => {
    if (!last) return;
    const { result } = last;
    clear(
      out,
      h('p', {}, 'Verdict ', h('strong', { class: `verdict ${result.verdict}`, 'data-testid': 'verdict' }, result.verdict), ` · guardrail ${result.guardrail.id} v${result.guardrail.version} · ${result.decisionLayer} layer`),
      redactedToggle.checked ? h('div', { class: 'highlighted', 'data-testid': 'redacted' }, result.redactedText ?? last.text) : highlighted(last.text, result.findings),
      result.findings.length === 0
        ? notice('No findings.')
        : h('table', {}, h('thead', {}, h('tr', {}, ...['Entity', 'Text', 'Score', 'Filter', 'Action'].map((t) => h('th', { scope: 'col' }, t)))),
            h('tbody', {}, ...result.findings.map((f) => h('tr', {}, h('td', {}, f.entity), h('td', {}, h('code', {}, last!.text.slice(f.start, f.end))), h('td', {}, String(f.score)), h('td', {}, f.filter), h('td', {}, f.action))))),
    );
  };
  redactedToggle.addEventListener('change', render);

  const evaluate = async (event: Event) => {
    event.preventDefault();
    if (!guardrail.value) {
      clear(out, notice('Create a guardrail with an active version first.', 'error'));
      return;
    }
    try {
      const result = await api<Result>('POST', `/v1/guardrails/${guardrail.value}/evaluate`, { text: text.value, direction: direction.value });
      last = { text: text.value, result };
      render();
    } catch (e) {
      clear(out, errorView(e));
    }
  };

  clear(
    root,
    h('h1', {}, 'Playground'),
    h('form', { onsubmit: evaluate },
      h('div', { class: 'row' }, field('Guardrail', guardrail), field('Direction', direction)),
      field('Text', text),
      h('div', { class: 'row' }, h('button', { type: 'submit' }, 'Evaluate'), h('label', { class: 'inline' }, redactedToggle, ' Show redacted text')),
    ),
    out,
  );
}
