import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-plugin';

// Two projects: the engine runs in plain Node (it must work outside Workers),
// everything that touches the Worker runs inside workerd with real bindings.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'engine',
          include: ['test/scan/**/*.test.ts', 'test/assembly/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          // A mock moderation provider on 127.0.0.1 for the fallback layer's tests.
          globalSetup: ['test/worker/fallback-provider.setup.ts'],
        },
      },
    ],
  },
});
