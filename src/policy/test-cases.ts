// A version's own test cases: run before it may become active, and on demand.
import type { CompiledGuardrail } from './compile.js';
import { type EvaluateDeps, evaluateText } from './evaluate.js';
import type { Verdict } from './guardrail-schema.js';

export interface TestCaseResult {
  index: number;
  name?: string;
  input: string;
  direction: string;
  expected: Verdict;
  got: Verdict;
  expectedEntities?: string[];
  entities: string[];
  passed: boolean;
}

export interface TestReport {
  passed: number;
  failed: number;
  results: TestCaseResult[];
}

/**
 * Test cases run on the deterministic layers only (no fallback model): whether a version may be
 * promoted must not depend on a remote model's mood or availability.
 */
export async function runTestCases(guardrail: CompiledGuardrail, deps: EvaluateDeps): Promise<TestReport> {
  const fastOnly: EvaluateDeps = { ...deps, fallback: undefined };
  const results: TestCaseResult[] = [];
  for (const [index, t] of guardrail.config.tests.entries()) {
    const r = await evaluateText(guardrail, t.input, t.direction, fastOnly);
    const entities = [...new Set(r.findings.map((f) => f.entity))];
    const entitiesOk = (t.expectEntities ?? []).every((e) => entities.includes(e));
    results.push({
      index,
      ...(t.name !== undefined ? { name: t.name } : {}),
      input: t.input,
      direction: t.direction,
      expected: t.expect,
      got: r.verdict,
      ...(t.expectEntities ? { expectedEntities: t.expectEntities } : {}),
      entities,
      passed: r.verdict === t.expect && entitiesOk,
    });
  }
  const passed = results.filter((r) => r.passed).length;
  return { passed, failed: results.length - passed, results };
}
