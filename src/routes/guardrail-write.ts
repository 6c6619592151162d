// Writing a version: compile it, run its test cases, and let the registry store it, active only
// when every test passed (unless saved as a draft). Shared by the API and the demo seed.
import type { Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { evaluateDeps } from '../guardrails.js';
import { compileGuardrail } from '../policy/compile.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import { type TestReport, runTestCases } from '../policy/test-cases.js';
import { registry, unwrap } from '../storage/registry-client.js';
import type { GuardrailSummary } from '../storage/types.js';

export interface WriteOptions {
  tenant: string;
  actor: string;
  draft: boolean;
  /** Create (with this id) or update (expecting this latest version). */
  create?: { id: string };
  update?: { id: string; ifMatch: number };
}

export interface WriteOutcome {
  guardrail: GuardrailSummary;
  version: number;
  tests: TestReport;
}

export async function writeVersion(env: Bindings, config: GuardrailConfig, opts: WriteOptions): Promise<WriteOutcome> {
  const id = opts.create?.id ?? opts.update!.id;
  const tests = opts.draft ? { passed: 0, failed: 0, results: [] } : await runTestCases(compileGuardrail(id, 0, config), evaluateDeps);
  const promote = !opts.draft && tests.failed === 0;
  const req = { config, actor: opts.actor, promote, tests: opts.draft ? null : { passed: tests.passed, failed: tests.failed } };
  const stub = registry(env, opts.tenant);
  const written = unwrap(opts.create ? await stub.createGuardrail(opts.tenant, id, req) : await stub.updateGuardrail(opts.tenant, id, opts.update!.ifMatch, req));
  if (!promote && !opts.draft) {
    // Kept as a draft; the active version (if any) still serves.
    throw new ApiError(422, 'tests_failed', `${tests.failed} of ${tests.passed + tests.failed} test cases failed; version ${written.version} was saved as a draft and not promoted`, {
      id,
      version: written.version,
      activeVersion: written.guardrail.activeVersion,
      failures: tests.results.filter((r) => !r.passed),
    });
  }
  return { ...written, tests };
}
