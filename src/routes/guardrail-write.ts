// Writing a version: compile it, run its test cases, and let the registry store it, active only
// when every test passed (unless saved as a draft). Shared by the API and the demo seed.
import type { Bindings } from '../env.js';
import { ApiError, badRequest } from '../errors.js';
import { type SecretKind, mayUseSecret, tenantSecretPrefix } from '../auth/tenant-secrets.js';
import { evaluateDeps } from '../guardrails.js';
import { compileGuardrail } from '../policy/compile.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import { type TestReport, runTestCases } from '../policy/test-cases.js';
import { registry, unwrap } from '../storage/registry-client.js';
import type { GuardrailSummary } from '../storage/types.js';
import { recordChange } from '../observe/record-change.js';

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

/** Secrets a config names must be provisioned for its tenant (auth/tenant-secrets.ts). */
function checkSecretNames(config: GuardrailConfig, tenant: string): void {
  const named: Array<[string | undefined, SecretKind, string]> = [
    [config.upstream?.apiKeySecret, 'UPSTREAM_KEY_', 'upstream.apiKeySecret'],
    [config.fallback?.apiKeySecret, 'FALLBACK_KEY_', 'fallback.apiKeySecret'],
  ];
  for (const [name, kind, path] of named) {
    if (name !== undefined && !mayUseSecret(kind, tenant, name)) {
      throw badRequest(`${path}: this tenant's secrets start with ${tenantSecretPrefix(kind, tenant)}`, path);
    }
  }
}

export async function writeVersion(env: Bindings, config: GuardrailConfig, opts: WriteOptions): Promise<WriteOutcome> {
  checkSecretNames(config, opts.tenant);
  const id = opts.create?.id ?? opts.update!.id;
  const tests = opts.draft ? { passed: 0, failed: 0, results: [] } : await runTestCases(compileGuardrail(id, 0, config), evaluateDeps);
  const promote = !opts.draft && tests.failed === 0;
  const req = { config, actor: opts.actor, promote, tests: opts.draft ? null : { passed: tests.passed, failed: tests.failed } };
  const stub = registry(env, opts.tenant);
  const written = unwrap(opts.create ? await stub.createGuardrail(opts.tenant, id, req) : await stub.updateGuardrail(opts.tenant, id, opts.update!.ifMatch, req));
  // Every stored version is a change worth a trail, promoted or not.
  await recordChange(env, {
    tenant: opts.tenant,
    actor: opts.actor,
    action: opts.create ? 'guardrail.created' : 'guardrail.updated',
    target: `guardrail:${id}`,
    details: {
      guardrail: { id, version: written.version, activeVersion: written.guardrail.activeVersion },
      name: config.name,
      active: promote,
      draft: opts.draft,
      tests: req.tests,
    },
  });
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
