// @openai/guardrails: only its "Contains PII" check, which is local regexes (no OpenAI client, no
// network, no LLM). Default config (PIIConfig defaults: every entity except the deprecated NRP and
// PERSON, masking mode, detect_encoded_pii off). The masked text is `info.checked_text`.
//
// It applies its replacements by string concatenation, one copy of the text per finding, so a
// single call is quadratic (1 MB: 3 s, 2 MB: 12 s). The adapter calls it per chunk of whole chat
// messages of at most CHUNK characters and joins the results.
import { createRequire } from 'node:module';
import { messageChunks } from '../lib/chunks.mjs';
import { installedVersion } from '../lib/version.mjs';

export const CHUNK = 16 * 1024;

const require = createRequire(import.meta.url);
let pii;
let config;

export default {
  name: '@openai/guardrails (PII check)',
  version: installedVersion('@openai/guardrails'),
  setup() {
    // The check module alone: the package index also loads the OpenAI/Agents SDKs, which we do not use.
    const mod = require('@openai/guardrails/dist/checks/pii.js');
    pii = mod.pii;
    config = mod.PIIConfig.parse({});
  },
  note: `called per ≤${CHUNK / 1024} KB chunk of whole messages`,
  async redact(text) {
    const parts = [];
    for (const c of messageChunks(text, CHUNK)) parts.push((await pii(null, c, config)).info.checked_text);
    return parts.join('');
  },
};
