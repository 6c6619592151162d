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
          include: ['test/scan/**/*.test.ts', 'test/assembly/**/*.test.ts', 'test/policy/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // The deployed bundle over real HTTP: `wrangler dev` started once for the project.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            // Secrets a deployment sets with `wrangler secret put`; tests get their own.
            miniflare: {
              bindings: {
                CORDON_ADMIN_KEY: 'test-admin-key',
                CORDON_RATE_LIMIT_PER_MINUTE: '100000',
                CORDON_UPSTREAM_TIMEOUT_MS: '2000',
                UPSTREAM_KEY_TEST: 'sk-test-provider-key',
                // The mock model and the mock moderation provider listen on 127.0.0.1.
                CORDON_ALLOW_PRIVATE_NETWORK: 'true',
                TEST_MODERATION_KEY: 'test-key',
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          // A mock chat model (proxy tests) and a mock moderation provider (fallback layer) on 127.0.0.1.
          globalSetup: ['test/setup/mock-model-global.ts', 'test/worker/fallback-provider.setup.ts'],
        },
      },
    ],
  },
});
