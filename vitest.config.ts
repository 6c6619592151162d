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
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // Secrets a deployment sets with `wrangler secret put`; tests get their own.
            // The mock model listens on 127.0.0.1, as a local model would in development.
            miniflare: {
              bindings: {
                CORDON_ADMIN_KEY: 'test-admin-key',
                CORDON_RATE_LIMIT_PER_MINUTE: '100000',
                CORDON_ALLOW_PRIVATE_NETWORK: 'true',
                CORDON_UPSTREAM_TIMEOUT_MS: '2000',
                UPSTREAM_KEY_TEST: 'sk-test-provider-key',
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          globalSetup: ['test/setup/mock-model-global.ts'],
        },
      },
    ],
  },
});
