// The console in a real browser against `wrangler dev`: sign in, create a guardrail, see a failing
// test case block promotion, run the playground. CORDON_SCREENSHOTS=1 refreshes docs/console/*.png.
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launch } from './browser.js';

const base = inject('cordonUrl');
const ADMIN = 'e2e-admin-key';
const SHOTS = process.env.CORDON_SCREENSHOTS === '1';

let browser: Browser;
let page: Page;

async function shot(name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync('docs/console', { recursive: true });
  await page.screenshot({ path: `docs/console/${name}.png`, fullPage: true });
}

const available = browserAvailable();

beforeAll(async () => {
  if (!available) return;
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
});
afterAll(async () => browser?.close());

describe.runIf(available)('console', () => {
  it('signs in with an API key, refusing a wrong one', async () => {
    await page.goto(`${base}/console/`);
    await page.getByLabel('API key').fill('wrong');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not accepted');
    await shot('sign-in');
    await page.getByLabel('API key').fill(ADMIN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Guardrails' }).waitFor();
    // The demo guardrail is listed.
    await page.getByRole('link', { name: /Demo/ }).waitFor();
    await shot('guardrails');
    expect(await page.evaluate("sessionStorage.getItem('cordon-console-key')")).toBe(ADMIN);
    expect(await page.evaluate('localStorage.length')).toBe(0);
  });

  it('creates a guardrail, then a failing test case blocks promotion of the next version', async () => {
    await page.getByRole('link', { name: 'New guardrail' }).click();
    const config = {
      name: 'Console e2e',
      filters: [{ type: 'pii', action: 'redact', entities: ['EMAIL', 'CREDIT_CARD'] }],
      tests: [{ input: 'mail ann@example.com', expect: 'REDACT' }],
    };
    await page.getByLabel('Config (JSON)').fill(JSON.stringify(config, null, 2));
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Console e2e' }).waitFor();
    expect(await page.locator('text=active v1').count()).toBe(1);

    const failing = { ...config, filters: [{ type: 'pii', action: 'warn', entities: ['EMAIL'] }] };
    await page.getByLabel('Config (JSON)').fill(JSON.stringify(failing, null, 2));
    await page.getByRole('button', { name: 'Save new version' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/422 tests_failed.*test 1: expected REDACT, got WARN/);
    await shot('failing-test');

    // Still v1 active; v2 is a draft; the diff shows the change.
    await page.reload();
    await page.getByRole('heading', { name: 'Console e2e' }).waitFor();
    expect(await page.locator('text=active v1 · latest v2').count()).toBe(1);
    expect(await page.locator('.badge.draft').count()).toBe(1);
    expect((await page.locator('pre.diff .removed').allTextContents()).join('')).toContain('"action": "redact"');
    expect((await page.locator('pre.diff .added').allTextContents()).join('')).toContain('"action": "warn"');
    await shot('versions');
  });

  it('finds and highlights spans in the playground, and shows the redacted text', async () => {
    await page.getByRole('link', { name: 'Playground' }).click();
    const option = await page.locator('option', { hasText: 'Console e2e' }).getAttribute('value');
    await page.getByLabel('Guardrail').selectOption(option!);
    await page.getByLabel('Text', { exact: true }).fill('Write to ann@example.com, card 4111 1111 1111 1111.');
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict').textContent()).toBe('REDACT');
    const marks = page.locator('mark.finding');
    expect(await marks.evaluateAll((els) => els.map((e) => [e.getAttribute('data-entity'), e.textContent]))).toEqual([
      ['EMAIL', 'ann@example.com'],
      ['CREDIT_CARD', '4111 1111 1111 1111'],
    ]);
    await shot('playground');
    await page.getByLabel('Show redacted text').check();
    expect(await page.getByTestId('redacted').textContent()).toBe('Write to [EMAIL], card [CREDIT_CARD].');
  });

  it('watches the live stream hold back and redact a card number split across tokens', async () => {
    await page.getByRole('link', { name: 'Live stream' }).click();
    await page.getByRole('heading', { name: 'Live stream' }).waitFor();
    await page.getByLabel('Guardrail', { exact: true }).selectOption('demo');
    await page.getByLabel('Sample answer').selectOption('card');
    await page.getByRole('button', { name: 'Play' }).click();
    // Mid-stream, digits of the card are held back (shaded), never shown in clear.
    await expect.poll(() => page.getByTestId('held').textContent(), { timeout: 15_000 }).toMatch(/\d/);
    expect(await page.getByTestId('shown').textContent()).not.toMatch(/4111/);
    await shot('live-stream');
    await page.getByTestId('stream-verdict').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('stream-verdict').textContent()).toBe('REDACT');
    const shown = (await page.getByTestId('shown').textContent()) ?? '';
    expect(shown).toContain('The card on file is [CREDIT_CARD_1], expiring');
    expect(shown).not.toMatch(/\d{4} \d{4}/);
    expect(await page.locator('[data-testid="shown"] mark[data-entity="CREDIT_CARD"]').count()).toBe(1);
    expect(Number(await page.locator('[data-max-held]').getAttribute('data-max-held'))).toBeGreaterThanOrEqual(10);
  });

  it('renders metrics charts with data, the audit trail and its verification', async () => {
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const texts = ['mail me at jo@example.com', 'hello there', 'key AKIAZ3MHALN4SXQ6WD7B', 'call 212-555-0123 or jo@example.com'];
    for (const text of texts) {
      const res = await fetch(`${base}/v1/guardrails/demo/evaluate`, { method: 'POST', headers, body: JSON.stringify({ text }) });
      expect(res.status).toBe(200);
    }
    await page.getByRole('link', { name: 'Metrics' }).click();
    await page.getByRole('heading', { name: 'Metrics' }).waitFor();
    await page.getByLabel('Guardrail', { exact: true }).selectOption('demo');
    // Metrics arrive in batches after the responses: wait until the totals count them.
    await expect
      .poll(async () => {
        await page.getByLabel('Interval').selectOption('PT1H');
        await page.getByLabel('Interval').selectOption('PT1M');
        return Number(/(\d+) requests/.exec((await page.getByTestId('totals').textContent().catch(() => '')) ?? '')?.[1] ?? 0);
      }, { timeout: 20_000, interval: 500 })
      .toBeGreaterThanOrEqual(texts.length);
    expect(await page.locator('svg.chart g[data-series="requests"] rect').count()).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('svg.chart g[data-series="requests"] rect').last().getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
    const entities = await page.locator('svg[aria-label="Findings by entity"] rect').evaluateAll((els) => els.length);
    expect(entities).toBeGreaterThanOrEqual(2);
    expect(await page.locator('svg[aria-label^="Evaluation latency"] g[data-series]').count()).toBe(2);
    await page.getByText(/Chain verified: \d+ entries intact/).waitFor();
    await shot('metrics');
  });

  it('works at phone width', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${base}/console/#/guardrails`);
    await page.getByRole('heading', { name: 'Guardrails' }).waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot('phone');
  });
});
