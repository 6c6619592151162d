// Starts `wrangler dev` on a free port with fresh local state, for end-to-end tests and the HTTP
// benchmark: the real runtime (workerd) serving the real bundle, local KV and Durable Objects.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * @param {{ vars?: Record<string, string>, timeoutMs?: number, config?: string, readyPath?: string, inspector?: boolean, memoryState?: boolean }} options
 *   `config`: another wrangler file (default ./wrangler.toml); `readyPath`: polled until it answers;
 *   `inspector: false`: the same dev server without its devtools inspector (scripts/start-worker.mjs
 *   says why the benchmarks want that); `memoryState`: local KV and Durable Object storage on
 *   tmpfs when the machine has one. Locally, a Durable Object's SQLite commit waits for the disk
 *   on the very thread that serves requests; in production storage writes do not block the
 *   isolate, so the benchmarks keep the simulated storage in memory to measure Cordon, not the disk
 * @returns {Promise<{ url: string, stop: () => Promise<void>, inspectorPort?: number }>}
 */
export async function startWranglerDev({ vars = {}, timeoutMs = 90_000, config, readyPath = '/openapi.json', inspector: withInspector = true, memoryState = false } = {}) {
  const port = await freePort();
  const inspector = await freePort();
  const state = mkdtempSync(join(memoryState && existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cordon-dev-'));
  const args = ['wrangler', 'dev', '--port', String(port), '--ip', '127.0.0.1', '--inspector-port', String(inspector), '--persist-to', state, '--show-interactive-dev-session=false'];
  if (config) args.push('--config', config);
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}:${v}`);
  const [command, commandArgs] = withInspector
    ? ['npx', args]
    : [process.execPath, [fileURLToPath(new URL('./start-worker.mjs', import.meta.url)), JSON.stringify({ config: config ?? 'wrangler.toml', port, persist: state, vars })]];
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: '1' }, detached: true });
  let log = '';
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await new Promise((r) => {
        const t = setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
          r();
        }, 5000);
        child.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    rmSync(state, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}${readyPath}`);
      if (res.ok) return { url, stop, inspectorPort: withInspector ? inspector : undefined };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`wrangler dev did not start within ${timeoutMs} ms:\n${log.slice(-4000)}`);
}
