// Runs @presidio-dev/hai-guardrails' heuristic injection guard in a child process (its worker
// pool can crash the process that loads it): texts as a JSON array on stdin, one
// { score, flagged } per text as JSON on stdout.
import { GuardrailsEngine, injectionGuard } from '@presidio-dev/hai-guardrails';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const texts = JSON.parse(input);
const engine = new GuardrailsEngine({ guards: [injectionGuard({ roles: ['user'] }, { mode: 'heuristic', threshold: 0.7 })] });
const out = [];
for (const text of texts) {
  const result = await engine.run([{ role: 'user', content: text }]);
  const message = result.messages[0];
  const score = Math.max(0, ...(message.guardrails ?? message.results ?? []).map((g) => Number(g.score ?? g.additionalFields?.score ?? 0)).filter(Number.isFinite));
  out.push({ score, flagged: message.passed === false });
}
process.stdout.write(JSON.stringify(out));
process.exit(0);
