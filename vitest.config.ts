import { defineConfig } from 'vitest/config';
import { cloudflareTest } from '@cloudflare/vitest-plugin';

// Two projects: the engine runs in plain Node (it must work outside Workers),
// everything that touches the Worker runs inside workerd with real bindings.
export default defineConfig({
  test: {
    // test/worker/observe-failure.test.ts breaks a Durable Object's storage on purpose; in the pool
    // the object shares the isolate with the tests, so its (handled) failures surface here too.
    onUnhandledError: (error) => !String((error as Error)?.message).includes('cordon-test: injected storage failure'),
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
            // The webhook receiver and the mock moderation provider run on 127.0.0.1, so private targets
            // are allowed here; test/worker/network-policy.test.ts shows the refusal without this.
            miniflare: {
              bindings: {
                CORDON_ADMIN_KEY: 'test-admin-key',
                CORDON_RATE_LIMIT_PER_MINUTE: '100000',
                CORDON_UPSTREAM_TIMEOUT_MS: '2000',
                UPSTREAM_KEY_DEFAULT_TEST: 'sk-test-provider-key',
                // Provisioned for tenant `default` only: another tenant's config must not be able to use it.
                UPSTREAM_KEY_OTHER_TEST: 'sk-other-tenant-key',
                // The mock model and the mock moderation provider listen on 127.0.0.1.
                CORDON_ALLOW_PRIVATE_NETWORK: 'true',
                FALLBACK_KEY_DEFAULT_TEST: 'test-key',
                CORDON_WEBHOOK_BACKOFF_MS: '20',
                CORDON_WEBHOOK_MAX_ATTEMPTS: '5',
                CORDON_OBSERVE_FLUSH_MS: '5',
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['test/worker/settle-observations.setup.ts'],
          // Mock servers on 127.0.0.1: a chat model (proxy tests), a moderation provider (fallback layer), a webhook receiver.
          globalSetup: ['test/setup/mock-model-global.ts', 'test/worker/fallback-provider.setup.ts', 'test/worker/receiver-setup.ts'],
          // Some tests walk every route with several keys: generous on a shared, loaded machine.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
