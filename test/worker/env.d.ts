// The test pool's `env` has the Worker's bindings (wrangler.toml + vitest.config.ts).
import type { Bindings } from '../../src/env.js';

declare global {
  namespace Cloudflare {
    interface Env extends Bindings {}
  }
}
