// The console: sign in with a key, then a hash-routed page per task. Served by the Worker at /console.
import { ApiFailure, api, session } from './api.js';
import { clear, field, h, notice } from './dom.js';
import { guardrailDetail, guardrailList, newGuardrail } from './pages/guardrails.js';
import { live } from './pages/live.js';
import { metrics } from './pages/metrics.js';
import { playground } from './pages/playground.js';

const main = document.getElementById('main')!;
const nav = document.getElementById('nav')!;

type Page = (root: HTMLElement, ...params: string[]) => Promise<void> | void;
const ROUTES: Array<[RegExp, Page]> = [
  [/^#\/guardrails\/new$/, newGuardrail],
  [/^#\/guardrails\/([\w-]+)$/, guardrailDetail],
  [/^#\/playground$/, playground],
  [/^#\/live$/, live],
  [/^#\/metrics$/, metrics],
  [/^#\/(?:guardrails)?$/, guardrailList],
];

function signIn(message?: string): void {
  nav.hidden = true;
  const key = h('input', { type: 'password', autocomplete: 'off', required: true, size: 48 }) as HTMLInputElement;
  const submit = async (event: Event) => {
    event.preventDefault();
    session.signIn(key.value.trim());
    try {
      await api('GET', '/v1/entities');
      route();
    } catch (e) {
      session.signOut();
      signIn(e instanceof ApiFailure && e.status === 401 ? 'That key was not accepted.' : String(e));
    }
  };
  clear(
    main,
    h('h1', {}, 'Sign in'),
    message ? notice(message, 'error') : null,
    h('form', { onsubmit: submit }, field('API key', key, 'Kept in this tab’s session storage only.'), h('button', { type: 'submit' }, 'Sign in')),
  );
  key.focus();
}

async function route(): Promise<void> {
  if (!session.key()) return signIn();
  nav.hidden = false;
  const hash = location.hash || '#/guardrails';
  for (const a of nav.querySelectorAll('a')) a.toggleAttribute('aria-current', hash.startsWith(a.getAttribute('href')!));
  for (const [pattern, page] of ROUTES) {
    const m = pattern.exec(hash);
    if (!m) continue;
    clear(main, notice('Loading…'));
    try {
      await page(main, ...m.slice(1));
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) return signIn('Your key is no longer accepted.');
      clear(main, notice(e instanceof ApiFailure ? `${e.status} ${e.code}: ${e.message}` : String(e), 'error'));
    }
    main.focus();
    return;
  }
  clear(main, notice('No such page.', 'error'));
}

document.getElementById('sign-out')!.addEventListener('click', () => {
  session.signOut();
  signIn();
});
window.addEventListener('hashchange', () => void route());
void route();
