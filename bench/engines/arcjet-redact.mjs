// @arcjet/redact: Rust compiled to a WASM component, driven from JS. Default entities (email,
// phone-number, ip-address, credit-card-number). Async. Its package declares Node >=22.21, but it
// runs on Node 20 (npm only warns, EBADENGINE).
//
// Each redact() call instantiates the WASM component (about 10 ms) and applies replacements by
// string concatenation, so one call on a multi-megabyte text is superlinear (a 0.5 MB text takes
// over 2 s). The adapter therefore feeds it the text in chunks of whole chat messages of at most
// CHUNK characters, which is how a gateway would call it, and joins the results.
import { redact as arcjetRedact } from '@arcjet/redact';
import { messageChunks } from '../lib/chunks.mjs';
import { installedVersion, requiredNode } from '../lib/version.mjs';

export const CHUNK = 16 * 1024;

export default {
  name: '@arcjet/redact',
  version: installedVersion('@arcjet/redact'),
  note: `called per ≤${CHUNK / 1024} KB chunk of whole messages`,
  requires: requiredNode('@arcjet/redact'),
  async setup() {
    const [out] = await arcjetRedact('mail bob@example.com');
    if (out.includes('bob@example.com')) throw new Error('did not redact a plain e-mail address');
  },
  async redact(text) {
    const parts = [];
    for (const c of messageChunks(text, CHUNK)) parts.push((await arcjetRedact(c))[0]);
    return parts.join('');
  },
};
