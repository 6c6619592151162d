// Bad requests get a clear error (status, code, the offending field) and store nothing.
import { describe, expect, it } from 'vitest';
import { ALL_SCOPES, call, createKey } from './api.js';
import { baseConfig } from './configs.js';

const filters = (...f: unknown[]) => baseConfig({ filters: f, tests: [] });
const big = 'x'.repeat(40 * 1024);

interface Case {
  name: string;
  body: unknown;
  status: number;
  /** details.path of the error, when the request named a field. */
  path?: string;
  /** Part of the message. */
  message?: RegExp;
  contentType?: string;
  code?: string;
}

// Each case is posted as a new guardrail and as the next version of an existing one.
const CASES: Case[] = [
  { name: 'not JSON', body: '{"name": ', status: 400, path: '', message: /not valid JSON/ },
  { name: 'JSON but an array', body: '[]', status: 400, message: /object/ },
  { name: 'JSON null', body: 'null', status: 400 },
  { name: 'empty body', body: '', status: 400 },
  { name: 'wrong content type', body: '{}', status: 415, contentType: 'text/plain', code: 'unsupported_media_type' },
  { name: 'form content type', body: 'name=x', status: 415, contentType: 'application/x-www-form-urlencoded' },
  { name: 'missing name', body: { filters: [] }, status: 400, path: 'name' },
  { name: 'name not a string', body: { name: 42 }, status: 400, path: 'name' },
  { name: 'empty name', body: { name: '' }, status: 400, path: 'name' },
  { name: 'name too long', body: { name: 'n'.repeat(101) }, status: 400, path: 'name' },
  { name: 'unknown top-level field', body: baseConfig({ colour: 'red' }), status: 400, message: /colour|Unrecognized/ },
  { name: 'enabled not boolean', body: baseConfig({ enabled: 'yes' }), status: 400, path: 'enabled' },
  { name: 'bad failMode', body: baseConfig({ failMode: 'sometimes' }), status: 400, path: 'failMode' },
  { name: 'filters not an array', body: baseConfig({ filters: {} }), status: 400, path: 'filters' },
  { name: 'filter without type', body: filters({ action: 'block' }), status: 400, path: 'filters[0].type' },
  { name: 'unknown filter type', body: filters({ type: 'magic', action: 'block' }), status: 400, path: 'filters[0].type' },
  { name: 'filter without action', body: filters({ type: 'pii' }), status: 400, path: 'filters[0].action' },
  { name: 'unknown action', body: filters({ type: 'pii', action: 'explode' }), status: 400, path: 'filters[0].action' },
  { name: 'unknown direction', body: filters({ type: 'pii', action: 'block', direction: 'sideways' }), status: 400, path: 'filters[0].direction' },
  { name: 'unknown entity', body: filters({ type: 'pii', action: 'block', entities: ['EMAIL', 'SHOE_SIZE'] }), status: 400, path: 'filters[0].entities[1]', message: /unknown entity/ },
  { name: 'entities empty', body: filters({ type: 'pii', action: 'block', entities: [] }), status: 400, path: 'filters[0].entities' },
  { name: 'minScore above 1', body: filters({ type: 'pii', action: 'block', minScore: 1.5 }), status: 400, path: 'filters[0].minScore' },
  { name: 'unknown redaction mode', body: filters({ type: 'pii', action: 'redact', redaction: { mode: 'shred' } }), status: 400, path: 'filters[0].redaction.mode' },
  { name: 'keepLast negative', body: filters({ type: 'pii', action: 'redact', redaction: { mode: 'mask', keepLast: -1 } }), status: 400, path: 'filters[0].redaction.keepLast' },
  { name: 'unknown field in filter', body: filters({ type: 'pii', action: 'block', colour: 'red' }), status: 400, message: /colour|Unrecognized/ },
  { name: 'pattern that does not parse', body: filters({ type: 'pattern', action: 'block', name: 'X', pattern: 'a(b' }), status: 400, path: 'filters[0].pattern' },
  { name: 'pattern with backreference', body: filters({ type: 'pattern', action: 'block', name: 'X', pattern: '(a)\\1' }), status: 400, path: 'filters[0].pattern' },
  { name: 'pattern past the state budget', body: filters({ type: 'pattern', action: 'block', name: 'X', pattern: '[a-z]{0,200}x[a-z]{0,200}' }), status: 400, path: 'filters[0].pattern' },
  { name: 'pattern name lower case', body: filters({ type: 'pattern', action: 'block', name: 'ticket', pattern: 'x' }), status: 400, path: 'filters[0].name' },
  { name: 'pattern named like a catalog entity', body: filters({ type: 'pattern', action: 'block', name: 'EMAIL', pattern: 'x' }), status: 400, path: 'filters[0].name' },
  { name: 'two patterns with one name', body: filters({ type: 'pattern', action: 'block', name: 'X', pattern: 'x' }, { type: 'pattern', action: 'block', name: 'X', pattern: 'y' }), status: 400, path: 'filters[1].name' },
  { name: 'unsupported pattern flag', body: filters({ type: 'pattern', action: 'block', name: 'X', pattern: 'x', flags: 'g' }), status: 400, path: 'filters[0].flags' },
  { name: 'words empty', body: filters({ type: 'words', action: 'block', words: [] }), status: 400, path: 'filters[0].words' },
  { name: 'word not a string', body: filters({ type: 'words', action: 'block', words: [1] }), status: 400, path: 'filters[0].words[0]' },
  { name: 'too many words', body: filters({ type: 'words', action: 'block', words: Array.from({ length: 2001 }, (_, i) => `w${i}`) }), status: 400, path: 'filters[0].words' },
  { name: 'duplicate filter ids', body: filters({ type: 'pii', id: 'a', action: 'block' }, { type: 'secrets', id: 'a', action: 'block' }), status: 400, path: 'filters[1].id' },
  { name: 'threshold out of range', body: filters({ type: 'content_safety', action: 'block', categories: { violence: 2 } }), status: 400, path: 'filters[0].categories.violence' },
  { name: 'unknown safety category', body: filters({ type: 'content_safety', action: 'block', categories: { rudeness: 0.5 } }), status: 400, path: 'filters[0].categories' },
  { name: 'topic without keywords or examples', body: filters({ type: 'topics', action: 'block', topics: [{ name: 'stocks' }] }), status: 400, path: 'filters[0].topics[0]' },
  { name: 'response schema on input', body: filters({ type: 'response_schema', action: 'block', format: 'json', direction: 'input' }), status: 400, path: 'filters[0].direction' },
  { name: 'response schema format yaml', body: filters({ type: 'response_schema', action: 'block', format: 'yaml' }), status: 400, path: 'filters[0].format' },
  { name: 'more than 50 filters', body: filters(...Array.from({ length: 51 }, () => ({ type: 'secrets', action: 'block' }))), status: 400, path: 'filters' },
  { name: 'config over 32 KB', body: baseConfig({ description: 'd'.repeat(900), guidelines: Array.from({ length: 10 }, () => ({ text: big.slice(0, 3900) })) }), status: 400, message: /bytes of JSON/ },
  { name: 'body over 1 MB', body: baseConfig({ description: 'x'.repeat(1100 * 1024) }), status: 413, code: 'payload_too_large' },
  { name: 'unknown assignment type', body: baseConfig({ assignments: [{ entityType: 'planet', entityId: 'x' }] }), status: 400, path: 'assignments[0].entityType' },
  { name: 'assignment without id', body: baseConfig({ assignments: [{ entityType: 'project' }] }), status: 400, path: 'assignments[0].entityId' },
  { name: 'temperature range reversed', body: baseConfig({ modelConstraints: { temperature: { min: 1, max: 0.5 } } }), status: 400, path: 'modelConstraints.temperature' },
  { name: 'maxTokens fractional', body: baseConfig({ modelConstraints: { maxTokens: 1.5 } }), status: 400, path: 'modelConstraints.maxTokens' },
  { name: 'test expecting an unknown verdict', body: baseConfig({ tests: [{ input: 'x', expect: 'MAYBE' }] }), status: 400, path: 'tests[0].expect' },
  { name: 'test expecting an entity no filter reports', body: baseConfig({ tests: [{ input: 'x', expect: 'ALLOW', expectEntities: ['TICKET'] }] }), status: 400, path: 'tests[0].expectEntities[0]' },
  { name: 'escalation after 0 violations', body: baseConfig({ escalation: { afterViolations: 0 } }), status: 400, path: 'escalation.afterViolations' },
  { name: 'blockedMessage empty', body: baseConfig({ blockedMessage: '' }), status: 400, path: 'blockedMessage' },
  { name: 'guideline without text', body: baseConfig({ guidelines: [{ title: 'x' }] }), status: 400, path: 'guidelines[0].text' },
];

describe('malformed guardrail writes', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)('$name -> $status, nothing stored', async (c) => {
    const key = await createKey(`malformed-${CASES.indexOf(c)}`, ALL_SCOPES);
    const headers: Record<string, string> = c.contentType ? { 'content-type': c.contentType } : {};
    const created = await call('POST', '/v1/guardrails', { key, body: c.body, headers });
    expect(created.status).toBe(c.status);
    expect(typeof created.body.error.message).toBe('string');
    if (c.code) expect(created.body.error.code).toBe(c.code);
    if (c.path !== undefined) expect(created.body.error.details.path).toBe(c.path);
    if (c.message) expect(created.body.error.message).toMatch(c.message);
    expect((await call('GET', '/v1/guardrails', { key })).body.guardrails).toEqual([]);

    // The same body as an update leaves the guardrail as it was.
    const ok = await call('POST', '/v1/guardrails', { key, body: baseConfig() });
    const updated = await call('PUT', `/v1/guardrails/${ok.body.id}`, { key, body: c.body, headers: { 'if-match': '"1"', ...headers } });
    expect(updated.status).toBe(c.status);
    const after = await call('GET', `/v1/guardrails/${ok.body.id}`, { key });
    expect(after.body).toMatchObject({ latestVersion: 1, activeVersion: 1, config: { name: 'support bot' } });
  });
});

describe('malformed evaluation requests', () => {
  const EVALUATE: Array<[string, unknown, number, string?]> = [
    ['neither text nor messages', {}, 400, 'text'],
    ['both text and messages', { text: 'x', messages: [{ role: 'user', content: 'y' }] }, 400, 'text'],
    ['text not a string', { text: 5 }, 400, 'text'],
    ['unknown role', { messages: [{ role: 'robot', content: 'x' }] }, 400, 'messages[0].role'],
    ['message without content', { messages: [{ role: 'user' }] }, 400, 'messages[0].content'],
    ['unknown direction', { text: 'x', direction: 'both' }, 400, 'direction'],
    ['unknown context field', { text: 'x', context: { tenant: 'other' } }, 400, 'context'],
    ['temperature not a number', { text: 'x', context: { temperature: 'hot' } }, 400, 'context.temperature'],
    ['text over the limit', { text: 'x'.repeat(300 * 1024) }, 400, 'text'],
    ['reveal not boolean', { text: 'x', reveal: 'please' }, 400, 'reveal'],
  ];
  it.each(EVALUATE)('%s -> %i', async (_name, body, status, path) => {
    const id = (await call('POST', '/v1/guardrails', { body: baseConfig() })).body.id;
    const res = await call('POST', `/v1/guardrails/${id}/evaluate`, { body });
    expect(res.status).toBe(status);
    if (path !== undefined) expect(res.body.error.details.path).toBe(path);
  });

  it('answers 404 for an unknown guardrail and a malformed id alike', async () => {
    for (const id of ['gr_doesnotexist', 'bad%20id', 'x'.repeat(80)]) {
      expect((await call('POST', `/v1/guardrails/${id}/evaluate`, { body: { text: 'x' } })).status).toBe(404);
    }
  });

  it('checks query parameters and preconditions', async () => {
    expect((await call('GET', '/v1/guardrails?limit=0')).body.error.details.path).toBe('limit');
    expect((await call('GET', '/v1/guardrails?cursor=abc')).body.error.details.path).toBe('cursor');
    expect((await call('POST', '/v1/guardrails?draft=maybe', { body: baseConfig() })).body.error.details.path).toBe('draft');
    const id = (await call('POST', '/v1/guardrails', { body: baseConfig() })).body.id;
    const bad = await call('PUT', `/v1/guardrails/${id}`, { body: baseConfig(), headers: { 'if-match': 'latest' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.path).toBe('If-Match');
    expect((await call('POST', `/v1/guardrails/${id}/rollback`, { body: { toVersion: 'one' } })).body.error.details.path).toBe('toVersion');
    expect((await call('POST', '/v1/keys', { body: { name: 'k', scopes: ['root'] } })).body.error.details.path).toBe('scopes[0]');
  });
});
