// The fake server as a process of its own (cli.ts under tsx), for what runs as plain Node or must
// not share its event loop with the fake: the demo, the UI tests and the benchmarks. In-process
// tests call startFakeServer() from index.ts instead.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const CLI = fileURLToPath(new URL('cli.ts', import.meta.url));

/**
 * Starts the fake server and resolves once it listens.
 *   scenarios  what each service's plain token gets, by service id (default: its default scenario)
 *   demo       every service's demo account instead (a scenario named in `scenarios` still wins)
 *   port       default 0: any free port
 *   latencyMs  added to every answer
 * Resolves { url, tokens, displayNames, baseUrlSettings, stop() }: tokens and names by service
 * id, and the user settings that point every service at this server.
 */
export async function launchFakeServer({ scenarios = {}, demo = false, port = 0, latencyMs } = {}) {
  const args = ['--import', 'tsx', CLI, '--port', String(port)];
  if (demo) args.push('--demo');
  for (const [service, scenario] of Object.entries(scenarios)) args.push(`--${service}`, scenario);
  if (latencyMs !== undefined) args.push('--latency', String(latencyMs));
  // tsx would otherwise keep a transpile cache in the system's temp folder: nothing is written outside the repository.
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_DISABLE_CACHE: '1' } });
  const firstLine = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The fake server exited early (code ${code}).`)));
  });
  const { url, tokens, displayNames } = JSON.parse(firstLine);
  return {
    url,
    tokens,
    displayNames,
    baseUrlSettings: { 'accountGlance.baseUrl': Object.fromEntries(Object.keys(tokens).map((service) => [service, url])) },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
