// npm run demo [-- --vscode auto|desktop|server] [-- --port N]
//
// Account Glance working in a real VS Code within a couple of minutes, with no account anywhere:
// builds the extension, starts the project's fake Leadping and Signeasy servers on loopback with
// the demo accounts, and opens VS Code with the extension pointed at them, in a throwaway profile
// under .cache/runs/ (never your own settings or secrets). Ctrl+C stops everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCommandLine } from './command-line.mjs';
import { createRunDir, ensureVSCode, QUIET_SETTINGS, repoRoot, startCodeServer } from './offline-vscode.mjs';

/** Starts the fake servers for both services; resolves once they listen. */
export async function startFakeServers({ leadping = 'demo', signeasy = 'demo', port = 0 } = {}) {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(repoRoot, 'test', 'fake-server', 'cli.ts'),
      '--port',
      String(port),
      '--leadping',
      leadping,
      '--signeasy',
      signeasy,
    ],
    // tsx would otherwise keep a transpile cache in the system's temp folder: the demo writes nothing outside .cache/.
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, TSX_DISABLE_CACHE: '1' } },
  );
  const firstLine = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The fake server exited early (code ${code}).`)));
  });
  const info = JSON.parse(firstLine);
  return {
    url: info.url,
    tokens: info.tokens,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** The throwaway profile's Account Glance settings: both services on the fake server. */
export function demoSettings(fakeServerUrl) {
  return {
    'accountGlance.leadping.baseUrl': fakeServerUrl,
    'accountGlance.signeasy.baseUrl': fakeServerUrl,
  };
}

function build() {
  const result = spawnSync(process.execPath, [join(repoRoot, 'esbuild.js')], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The build failed.');
}

function desktopCodeOnPath() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'code'))) return join(dir, 'code');
  }
  return undefined;
}

/** Copies what the .vsix would hold into an extensions folder, as an installed extension. */
async function installUnpacked(extensionsDir) {
  const { default: manifest } = await import(pathToFileURL(join(repoRoot, 'package.json')).href, { with: { type: 'json' } });
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  await mkdir(target, { recursive: true });
  for (const entry of ['dist', 'media', 'package.json', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    await cp(join(repoRoot, entry), join(target, entry), { recursive: true });
  }
}

/**
 * Everything `npm run demo` does before waiting for Ctrl+C: the UI tests run this same path.
 * Returns the URL to open (server mode), the demo tokens and a stop() that undoes it all.
 */
export async function startDemo({ vscode = 'auto', port = 0, log = console.log } = {}) {
  const mode = vscode === 'auto' ? (desktopCodeOnPath() ? 'desktop' : 'server') : vscode;
  if (mode !== 'desktop' && mode !== 'server') throw new Error(`--vscode takes auto, desktop or server, not "${vscode}".`);
  build();
  // A throwaway profile under .cache/runs/, removed by stop().
  const profile = await createRunDir('demo');
  const { userDataDir, extensionsDir, workspace } = profile;
  const fake = await startFakeServers();
  const stops = [() => profile.remove(), () => fake.stop()];
  // Last started, first stopped: VS Code, then the fake servers, then the profile.
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  try {
    if (mode === 'desktop') {
      await mkdir(join(userDataDir, 'User'), { recursive: true });
      await writeFile(
        join(userDataDir, 'User', 'settings.json'),
        JSON.stringify({ ...QUIET_SETTINGS, ...demoSettings(fake.url) }, null, 2),
      );
      const code = desktopCodeOnPath();
      if (!code) throw new Error('`code` is not on the PATH: use --vscode server.');
      const child = spawn(
        code,
        [
          '--wait',
          '--new-window',
          `--extensionDevelopmentPath=${repoRoot}`,
          `--user-data-dir=${userDataDir}`,
          `--extensions-dir=${extensionsDir}`,
          workspace,
        ],
        {
          stdio: 'inherit',
        },
      );
      stops.push(async () => void child.kill('SIGTERM'));
      return {
        mode,
        url: undefined,
        tokens: fake.tokens,
        fakeServerUrl: fake.url,
        workspace,
        stop,
        exited: new Promise((resolve) => child.once('exit', resolve)),
      };
    }
    log('Preparing the offline VS Code (code-server) — the first time takes a few minutes…');
    await ensureVSCode({ log });
    await installUnpacked(extensionsDir);
    const server = await startCodeServer({ userDataDir, extensionsDir, workspace, port, settings: demoSettings(fake.url), log });
    stops.push(() => server.stop());
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
    return { mode, url, tokens: fake.tokens, fakeServerUrl: fake.url, workspace, stop, exited: new Promise(() => {}) };
  } catch (error) {
    await stop();
    throw error;
  }
}

const USAGE = 'npm run demo [-- --vscode auto|desktop|server] [-- --port N]';

/** The command line (without node and the script) as startDemo()'s options; a UsageError when it cannot be. */
export function parseDemoArgs(args) {
  const { values } = parseCommandLine(USAGE, {
    args,
    options: {
      vscode: { type: 'string', default: 'auto' },
      port: { type: 'string', default: '0' },
    },
  });
  return { vscode: values.vscode, port: Number(values.port) };
}

async function main() {
  const demo = await startDemo(parseDemoArgs(process.argv.slice(2)));
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo…');
    await demo.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  console.log('');
  console.log('Account Glance demo is running.');
  if (demo.url) console.log(`  Open VS Code in your browser:  ${demo.url}`);
  else console.log('  A VS Code window opened with Account Glance loaded.');
  console.log(`  Fake Leadping and Signeasy:    ${demo.fakeServerUrl} (the base-URL settings point here)`);
  console.log('');
  console.log('  Sign in: run "Account Glance: Set API Token..." (F1), choose the service, paste its token:');
  console.log(`    Leadping  ${demo.tokens.leadping}`);
  console.log(`    Signeasy  ${demo.tokens.signeasy}`);
  console.log("  (These work only against the fake servers. The token goes into VS Code's secret storage.)");
  console.log('');
  console.log('Press Ctrl+C to stop everything.');
  await demo.exited;
  await shutdown();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
