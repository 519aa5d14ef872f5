// code-server, the offline VS Code (offline-vscode.mjs), on a free loopback port in a throwaway
// profile: run folders under .cache/runs/, quiet user settings, start and stop (the whole process
// group), and installing a .vsix with its own CLI.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureVSCode, node24Env, processAlive, runKeepingTail, sleep } from './offline-vscode.mjs';
import { cacheRoot } from './paths.mjs';

let runCounter = 0;
let swept = false;

/** Removes run folders left by processes that died before cleaning up (their pid is in the name). */
async function sweepAbandonedRuns() {
  if (swept) return;
  swept = true;
  const runsDir = join(cacheRoot, 'runs');
  if (!existsSync(runsDir)) return;
  for (const name of readdirSync(runsDir)) {
    const pid = Number(/-(\d+)-\d+-\d+$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !processAlive(pid)) await rm(join(runsDir, name), { recursive: true, force: true }).catch(() => {});
  }
}

/**
 * A fresh folder under .cache/runs/ holding a run's user data, extensions, home and workspace.
 * remove() deletes it all; keep anything worth keeping (screenshots) elsewhere.
 */
export async function createRunDir(label = 'run') {
  await sweepAbandonedRuns();
  const dir = join(cacheRoot, 'runs', `${label}-${process.pid}-${Date.now()}-${++runCounter}`);
  const paths = {
    dir,
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    home: join(dir, 'home'),
    workspace: join(dir, 'workspace'),
  };
  for (const path of Object.values(paths)) await mkdir(path, { recursive: true });
  return { ...paths, remove: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }) };
}

/** Settings every test profile gets: nothing phones home, nothing opens by itself. */
export const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'window.commandCenter': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // The run folders live inside this repository: no "open the parent repository?" toast.
  'git.openRepositoryInParentFolders': 'never',
  'git.enabled': false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function healthy(url) {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.ok;
  } catch {
    return false;
  }
}

// Process groups of every code-server still running, killed if this process exits without stop().
const liveGroups = new Set();
process.once('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Kills a process group: SIGTERM, then SIGKILL after a grace period. */
async function killGroup(child, graceMs = 3000) {
  const pid = child.pid;
  const exited =
    child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
  const signal = (name) => {
    try {
      process.kill(-pid, name);
    } catch {
      // the group is gone
    }
  };
  signal('SIGTERM');
  await Promise.race([exited, sleep(graceMs)]);
  // Extension hosts and the pty host are in the same group; make sure none outlives us.
  signal('SIGKILL');
  await Promise.race([exited, sleep(1000)]);
  liveGroups.delete(pid);
}

async function writeUserSettings(userDataDir, settings) {
  const file = join(userDataDir, 'User', 'settings.json');
  await mkdir(join(userDataDir, 'User'), { recursive: true });
  let existing = {};
  if (existsSync(file)) {
    try {
      existing = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      existing = {};
    }
  }
  await writeFile(file, JSON.stringify({ ...QUIET_SETTINGS, ...existing, ...settings }, null, 2));
}

/** The environment of a code-server: Node 24 first, and home/config/data inside the run's folder. */
function codeServerEnv(home, env) {
  // NODE_OPTIONS meant for the Node running the tests (e.g. --test-reporter) is not for code-server.
  return node24Env({
    NODE_OPTIONS: '',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    VSCODE_CLI_DATA_DIR: join(home, '.vscode-cli'),
    ...env,
  });
}

/**
 * Starts code-server on a free loopback port (or `port`) and waits until /healthz answers.
 * Folders not given are created under a throwaway .cache/runs/<id>/ that stop() removes.
 *   settings         merged over QUIET_SETTINGS (and any settings.json already in userDataDir)
 *   env              extra environment for code-server and so for the extension host
 *   smokeTestDriver  true for the in-host test payload (it also hides notification toasts)
 *   args             more code-server arguments, e.g. ['--locale', 'qps-ploc']
 * Returns { url, port, pid, userDataDir, extensionsDir, workspace, logFile, output(), stop() }.
 */
export async function startCodeServer({
  userDataDir,
  extensionsDir,
  workspace,
  settings = {},
  env = {},
  smokeTestDriver = false,
  args: extraArgs = [],
  port = 0,
  log = (line) => console.error(line),
} = {}) {
  const { node, codeServerEntry } = await ensureVSCode({ log });
  const runDir = await createRunDir('code-server');
  userDataDir ??= runDir.userDataDir;
  extensionsDir ??= runDir.extensionsDir;
  workspace ??= runDir.workspace;
  await mkdir(extensionsDir, { recursive: true });
  await writeUserSettings(userDataDir, settings);

  for (let attempt = 1; ; attempt++) {
    const chosenPort = port || (await freePort());
    const url = `http://127.0.0.1:${chosenPort}`;
    const args = [
      codeServerEntry,
      '--bind-addr',
      `127.0.0.1:${chosenPort}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--reconnection-grace-time',
      '30',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
    ];
    if (smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
    args.push(...extraArgs);
    // Its own process group, so stop() reaches the extension hosts and pty host too.
    const child = spawn(node, args, {
      cwd: runDir.dir,
      env: codeServerEnv(runDir.home, env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    liveGroups.add(child.pid);
    const output = [];
    const keep = (chunk) => {
      const text = chunk.toString();
      output.push(text);
      if (process.env.AG_VERBOSE) process.stderr.write(text.replace(/^/gm, '  [code-server] '));
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let exitedEarly = false;
    child.once('exit', () => (exitedEarly = true));

    const deadline = Date.now() + 60_000;
    while (!exitedEarly && Date.now() < deadline && !(await healthy(url))) await sleep(100);
    if (!exitedEarly && (await healthy(url))) {
      let stopped;
      const stop = () =>
        (stopped ??= (async () => {
          await killGroup(child);
          await writeFile(join(runDir.dir, 'code-server.log'), output.join('')).catch(() => {});
          await runDir.remove();
        })());
      return { url, port: chosenPort, pid: child.pid, userDataDir, extensionsDir, workspace, output: () => output.join(''), stop };
    }
    await killGroup(child);
    const text = output.join('');
    // Someone took the port between our check and code-server's bind: try another one.
    if (!port && attempt < 3 && /EADDRINUSE/.test(text)) continue;
    await runDir.remove();
    throw new Error(
      `code-server did not become healthy at ${url}${exitedEarly ? ' (it exited)' : ' within 60 s'}. Its output:\n${text.slice(-4000)}`,
    );
  }
}

/** Installs a .vsix into an extensions folder with code-server's own CLI; returns the installed ids. */
export async function installExtension(vsix, extensionsDir, { log = (line) => console.error(line) } = {}) {
  const { node, codeServerEntry } = await ensureVSCode({ log });
  const runDir = await createRunDir('install-extension');
  try {
    const tail = await runKeepingTail(
      node,
      [codeServerEntry, '--extensions-dir', extensionsDir, '--user-data-dir', runDir.userDataDir, '--install-extension', vsix],
      {
        cwd: runDir.dir,
        env: codeServerEnv(runDir.home, {}),
        log,
        label: 'code-server --install-extension',
      },
    );
    if (!tail.some((line) => /successfully installed/i.test(line))) throw new Error(`Installing ${vsix} said:\n${tail.join('\n')}`);
    return readdirSync(extensionsDir).filter((name) => !name.startsWith('.') && name !== 'extensions.json');
  } finally {
    await runDir.remove();
  }
}
