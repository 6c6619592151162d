// Live stream: a sample answer goes through the inspection stream one small token at a time.
// Shown text appears as Cordon releases it; what it still holds back is shaded; redactions are
// marked the moment they are decided.
import { session } from '../api.js';
import { clear, field, h, notice } from '../dom.js';
import { guardrailOptions } from './playground.js';
import { modelTokens } from '../../client/model-tokens.js';

const SAMPLES: Record<string, string> = {
  card: 'Sure! Your order is confirmed. The card on file is 4111 1111 1111 1111, expiring 12/29. Anything else?',
  contact: 'You can reach Dana at dana.whitfield@example.com or on +1 (415) 555-0132 during office hours.',
  secret: 'Here is the config you asked for: aws_access_key_id = AKIAZ3MHALN4SXQ6WD7B and the region is us-east-1.',
};

interface TokenEvent { index: number; text: string; held: number; action: string; findings: Array<{ entity: string }>; final?: boolean }

/** Parses a text/event-stream body as it arrives. */
async function* events(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: any }> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).getReader();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let i;
    while ((i = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, i);
      buffer = buffer.slice(i + 2);
      let event = 'message';
      let data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data += line.slice(6);
      }
      yield { event, data: data ? JSON.parse(data) : null };
    }
  }
}

export async function live(root: HTMLElement): Promise<void> {
  const guardrail = await guardrailOptions();
  const sample = h('select', {}, h('option', { value: 'card' }, 'Card number split across tokens'), h('option', { value: 'contact' }, 'E-mail and phone'), h('option', { value: 'secret' }, 'Cloud key (blocked)')) as HTMLSelectElement;
  const speed = h('input', { type: 'range', min: 0, max: 200, value: 60 }) as HTMLInputElement;
  const shown = h('span', { 'data-testid': 'shown' });
  const held = h('span', { class: 'held', 'data-testid': 'held', title: 'held back: could still be part of a value' });
  const screen = h('div', { class: 'highlighted', 'aria-live': 'off', 'data-max-held': 0 }, shown, held);
  const status = h('div', { 'aria-live': 'polite' });
  const play = h('button', { type: 'button' }, 'Play') as HTMLButtonElement;

  play.addEventListener('click', async () => {
    if (!guardrail.value) return clear(status, notice('Create a guardrail with an active version first.', 'error'));
    play.disabled = true;
    clear(shown);
    clear(held);
    screen.dataset.maxHeld = '0';
    clear(status, notice('Streaming…'));
    const tokens = modelTokens(SAMPLES[sample.value], 7);
    let received = '';
    try {
      const res = await fetch(`/v1/guardrails/${guardrail.value}/stream`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.key() ?? ''}`, 'content-type': 'application/x-ndjson' },
        body: tokens.map((t) => JSON.stringify({ token: t })).join('\n') + '\n',
      });
      if (!res.ok || !res.body) throw new Error(`the stream answered ${res.status}`);
      for await (const e of events(res.body)) {
        // Cordon answers all at once here; pace the replay so a person can watch it happen.
        await new Promise((r) => setTimeout(r, Number(speed.value)));
        if (e.event === 'token') {
          const t = e.data as TokenEvent;
          if (!t.final) received += tokens[t.index] ?? '';
          const piece = t.findings.length ? h('mark', { class: `finding ${t.action}`, 'data-entity': t.findings.map((f) => f.entity).join(' ') }, t.text) : document.createTextNode(t.text);
          shown.append(piece);
          const heldCount = t.final ? 0 : (t.held ?? 0);
          held.textContent = heldCount > 0 ? received.slice(received.length - heldCount) : '';
          screen.dataset.maxHeld = String(Math.max(Number(screen.dataset.maxHeld), heldCount));
        } else if (e.event === 'verdict') {
          held.textContent = '';
          clear(status, h('p', {}, 'Verdict ', h('strong', { class: `verdict ${e.data.verdict}`, 'data-testid': 'stream-verdict' }, e.data.verdict), ` · ${Object.entries(e.data.counts as Record<string, number>).map(([k, v]) => `${k} ×${v}`).join(', ') || 'no findings'}`));
        } else if (e.event === 'error') {
          clear(status, notice(`${e.data.code}: ${e.data.message}`, 'error'));
        }
      }
    } catch (err) {
      clear(status, notice(String(err), 'error'));
    } finally {
      play.disabled = false;
    }
  });

  clear(
    root,
    h('h1', {}, 'Live stream'),
    h('p', {}, 'A sample answer goes through the inspection stream in tokens of one to three characters. Grey text is held back: it could still be part of a value. Marked text is a redaction, shown the moment it is decided.'),
    h('div', { class: 'row' }, field('Guardrail', guardrail), field('Sample answer', sample), field('Delay per token (ms)', speed)),
    play,
    screen,
    status,
  );
}
