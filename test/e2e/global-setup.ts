// One `wrangler dev` for the end-to-end project, started after the build `npm test` runs first.
import type { TestProject } from 'vitest/node';
// @ts-expect-error plain ESM script shared with the benchmark
import { startWranglerDev } from '../../scripts/wrangler-dev.mjs';

export const E2E_ADMIN_KEY = 'e2e-admin-key';

export default async function setup(project: TestProject) {
  const dev = await startWranglerDev({ vars: { CORDON_ADMIN_KEY: E2E_ADMIN_KEY, CORDON_SEED_DEMO: 'true' } });
  project.provide('cordonUrl', dev.url);
  return () => dev.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    cordonUrl: string;
  }
}
