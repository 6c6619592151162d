// Guardrails: the list, one guardrail's versions side by side, the editor, tests, promote, roll back.
import { ApiFailure, api } from '../api.js';
import { diffLines } from '../diff.js';
import { clear, field, h, notice } from '../dom.js';

const TEMPLATE = {
  name: 'My guardrail',
  filters: [
    { type: 'pii', action: 'redact', entities: ['EMAIL', 'PHONE', 'CREDIT_CARD'] },
    { type: 'secrets', action: 'block' },
  ],
  tests: [{ input: 'mail me at ann@example.com', expect: 'REDACT', expectEntities: ['EMAIL'] }],
};

interface Summary { id: string; name: string; activeVersion: number | null; latestVersion: number; updatedAt: string }
interface Version { version: number; status: string; createdAt: string; createdBy: string; config: unknown; tests: { passed: number; failed: number } | null }

/** An API error as the user needs it: what went wrong, where, and each failing test case. */
export function errorView(e: unknown): HTMLElement {
  if (!(e instanceof ApiFailure)) return notice(String(e), 'error');
  const box = h('div', { class: 'notice error', role: 'alert' }, h('strong', {}, `${e.status} ${e.code}: `), e.message);
  const failures = e.details?.failures as Array<{ index: number; input: string; expected: string; got: string }> | undefined;
  if (failures?.length) {
    box.append(h('ul', { class: 'failures' }, ...failures.map((f) => h('li', {}, `test ${f.index + 1}: expected ${f.expected}, got ${f.got} — `, h('code', {}, f.input)))));
  }
  return box;
}

export async function guardrailList(root: HTMLElement): Promise<void> {
  const { guardrails } = await api<{ guardrails: Summary[] }>('GET', '/v1/guardrails?limit=100');
  clear(
    root,
    h('h1', {}, 'Guardrails'),
    h('p', {}, h('a', { href: '#/guardrails/new', class: 'button' }, 'New guardrail')),
    guardrails.length === 0
      ? notice('No guardrails yet.')
      : h(
          'table',
          {},
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Id'), h('th', { scope: 'col' }, 'Active'), h('th', { scope: 'col' }, 'Latest'), h('th', { scope: 'col' }, 'Updated'))),
          h('tbody', {}, ...guardrails.map((g) =>
            h('tr', {}, h('td', {}, h('a', { href: `#/guardrails/${g.id}` }, g.name)), h('td', {}, h('code', {}, g.id)), h('td', {}, g.activeVersion === null ? 'none (draft)' : `v${g.activeVersion}`), h('td', {}, `v${g.latestVersion}`), h('td', {}, new Date(g.updatedAt).toLocaleString())),
          )),
        ),
  );
}

/** The JSON editor: create (no id) or write the next version (id + latest version for If-Match). */
export function editor(root: HTMLElement, initial: unknown, target?: { id: string; latest: number }, onSaved?: (id: string) => void): HTMLElement {
  const text = h('textarea', { rows: 22, spellcheck: 'false', class: 'code' }) as HTMLTextAreaElement;
  text.value = JSON.stringify(initial, null, 2);
  const draft = h('input', { type: 'checkbox' }) as HTMLInputElement;
  const out = h('div', { 'aria-live': 'polite' });
  const save = async (event: Event) => {
    event.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(text.value);
    } catch {
      clear(out, notice('The config is not valid JSON.', 'error'));
      return;
    }
    try {
      const q = draft.checked ? '?draft=true' : '';
      const res = target
        ? await api('PUT', `/v1/guardrails/${target.id}${q}`, body, { 'if-match': `"${target.latest}"` })
        : await api('POST', `/v1/guardrails${q}`, body);
      clear(out, notice(`Saved version ${res.version}${res.activeVersion === res.version ? ', now active' : ' as a draft'}.`, 'ok'));
      onSaved?.(res.id);
    } catch (e) {
      clear(out, errorView(e));
    }
  };
  return h(
    'form',
    { class: 'editor', onsubmit: save },
    field('Config (JSON)', text, 'Validated by the API: errors name the field.'),
    h('label', { class: 'inline' }, draft, ' Save as draft (skip promotion)'),
    h('button', { type: 'submit' }, target ? 'Save new version' : 'Create'),
    out,
  );
}

export function newGuardrail(root: HTMLElement): void {
  clear(root, h('h1', {}, 'New guardrail'), editor(root, TEMPLATE, undefined, (id) => (location.hash = `#/guardrails/${id}`)));
}

export async function guardrailDetail(root: HTMLElement, id: string): Promise<void> {
  const [g, { versions }] = await Promise.all([
    api<Summary & { config: unknown }>('GET', `/v1/guardrails/${id}`),
    api<{ versions: Version[] }>('GET', `/v1/guardrails/${id}/versions?limit=100`),
  ]);
  const reload = () => guardrailDetail(root, id);
  const actions = h('div', { 'aria-live': 'polite' });
  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      await reload();
      root.querySelector('[data-actions]')?.replaceChildren(notice(done, 'ok'));
    } catch (e) {
      clear(actions, errorView(e));
    }
  };

  const testsOut = h('div', { 'aria-live': 'polite' });
  const runTests = async () => {
    try {
      const r = await api<{ passed: number; failed: number; results: Array<{ index: number; name?: string; input: string; expected: string; got: string; passed: boolean }> }>('POST', `/v1/guardrails/${id}/test`, {});
      clear(
        testsOut,
        notice(`${r.passed} passed, ${r.failed} failed`, r.failed ? 'error' : 'ok'),
        h('table', {}, h('thead', {}, h('tr', {}, ...['#', 'Input', 'Expected', 'Got', ''].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...r.results.map((t) => h('tr', { class: t.passed ? 'pass' : 'fail' }, h('td', {}, String(t.index + 1)), h('td', {}, h('code', {}, t.input)), h('td', {}, t.expected), h('td', {}, t.got), h('td', {}, t.passed ? '✓ pass' : '✗ fail'))))),
      );
    } catch (e) {
      clear(testsOut, errorView(e));
    }
  };

  const left = h('select', {}, ...versions.map((v) => h('option', { value: v.version }, `v${v.version}`))) as HTMLSelectElement;
  const right = h('select', {}, ...versions.map((v) => h('option', { value: v.version }, `v${v.version}`))) as HTMLSelectElement;
  left.value = String(versions.at(-2)?.version ?? versions[0].version);
  right.value = String(versions.at(-1)!.version);
  const diffOut = h('pre', { class: 'diff', 'aria-label': 'Differences between the two versions' });
  const showDiff = () => {
    const a = versions.find((v) => v.version === Number(left.value))!;
    const b = versions.find((v) => v.version === Number(right.value))!;
    clear(diffOut, ...diffLines(JSON.stringify(a.config, null, 2), JSON.stringify(b.config, null, 2)).map((l) =>
      h('span', { class: l.kind }, `${l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}${l.text}\n`),
    ));
  };
  left.addEventListener('change', showDiff);
  right.addEventListener('change', showDiff);

  const latest = versions.find((v) => v.version === g.latestVersion)!;
  clear(
    root,
    h('h1', {}, g.name),
    h('p', {}, 'Id ', h('code', {}, id), ` · active ${g.activeVersion === null ? 'none' : `v${g.activeVersion}`} · latest v${g.latestVersion}`),
    h('div', { 'data-actions': '' }, actions),
    h('h2', {}, 'Versions'),
    h('table', {},
      h('thead', {}, h('tr', {}, ...['Version', 'Status', 'Tests', 'Created', 'By', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...versions.map((v) => h('tr', {},
        h('td', {}, `v${v.version}`),
        h('td', {}, h('span', { class: `badge ${v.status}` }, v.status)),
        h('td', {}, v.tests ? `${v.tests.passed} passed, ${v.tests.failed} failed` : 'not run'),
        h('td', {}, new Date(v.createdAt).toLocaleString()),
        h('td', {}, v.createdBy),
        h('td', {},
          v.status !== 'active' ? h('button', { type: 'button', onclick: () => run(() => api('POST', `/v1/guardrails/${id}/versions/${v.version}/promote`), `Promoted v${v.version}.`) }, `Promote v${v.version}`) : null,
          v.status === 'inactive' ? h('button', { type: 'button', onclick: () => run(() => api('POST', `/v1/guardrails/${id}/rollback`, { toVersion: v.version }), `Rolled back to v${v.version}.`) }, `Roll back to v${v.version}`) : null,
        ),
      ))),
    ),
    h('h2', {}, 'Compare versions'),
    h('div', { class: 'row' }, field('From', left), field('To', right)),
    diffOut,
    h('h2', {}, 'Test cases'),
    h('button', { type: 'button', onclick: runTests }, 'Run test cases of the active version'),
    testsOut,
    h('h2', {}, 'Edit'),
    editor(root, latest.config, { id, latest: g.latestVersion }, () => void reload()),
  );
  showDiff();
}
