// A real VS Code on a machine that reaches only the npm registry and Debian's packages:
// Node 24 and code-server come from npm into .cache/vscode-offline/ (once), the browser is the
// system's Chromium driven by playwright-core. Plain ESM so it runs before any build.
// See /work/shared/REAL-VSCODE.md for why each piece is what it is.
//
//   ensureVSCode({ log })                       install once; later calls return at once
//   findChromium()                              CHROME_PATH, else /usr/bin/chromium
//   createRunDir(label)                         a throwaway .cache/runs/<id>/ with remove()
//   startCodeServer({ ... })                    code-server on a free loopback port
//   installExtension(vsix, extensionsDir)       code-server --install-extension
//   launchBrowser({ headless })                 playwright-core Chromium with quiet flags
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const cacheRoot = join(repoRoot, '.cache');
const installRoot = join(cacheRoot, 'vscode-offline');
const nodeDir = join(installRoot, `node-v${NODE_VERSION}`);
const codeServerProject = join(installRoot, `code-server-${CODE_SERVER_VERSION}`);
const codeServerDir = join(codeServerProject, 'node_modules', 'code-server');
const marker = join(installRoot, `installed-node-v${NODE_VERSION}-code-server-${CODE_SERVER_VERSION}.json`);
const lockDir = join(installRoot, 'install.lock');

/** Paths of an installed offline VS Code. */
function installation() {
  return {
    nodeDir,
    node: join(nodeDir, 'bin', 'node'),
    codeServerDir,
    codeServerEntry: join(codeServerDir, 'out', 'node', 'entry.js'),
  };
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the install lock (a directory, created atomically); waits while another live process holds it. */
async function acquireLock(log) {
  await mkdir(installRoot, { recursive: true });
  let waitingSaid = false;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(join(lockDir, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const readHolder = () => {
      try {
        return Number(readFileSync(join(lockDir, 'pid'), 'utf8')) || 0;
      } catch {
        return 0;
      }
    };
    let holder = readHolder();
    if (!holder) {
      // Created, but no pid written yet: give its owner a moment.
      await sleep(500);
      holder = readHolder();
    }
    if (holder && processAlive(holder) && holder !== process.pid) {
      if (!waitingSaid) log(`Another process (pid ${holder}) is installing the offline VS Code; waiting for it…`);
      waitingSaid = true;
      await sleep(1000);
      continue;
    }
    // The holder died (or never wrote its pid): whatever it left behind is half-installed.
    log('A previous install of the offline VS Code was interrupted; clearing it and starting over.');
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** Runs a command, streaming its output under a prefix; throws with the tail of the output on failure. */
function run(command, args, { cwd, env, log, label }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail = [];
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 40) tail.shift();
        if (process.env.AG_VERBOSE) log(`  [${label}] ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(tail);
      else reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}). Last output:\n${tail.join('\n')}`));
    });
  });
}

/** The npm package that carries Node's linux/darwin binary for this machine. */
function nodePackageName() {
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!platform || !arch)
    throw new Error(`The offline VS Code supports Linux and macOS on x64/arm64, not ${process.platform}/${process.arch}.`);
  return `node-${platform}-${arch}`;
}

async function installNode(log) {
  const staging = `${nodeDir}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  log(`  Node ${NODE_VERSION} from npm (${nodePackageName()})…`);
  await run('npm', ['pack', `${nodePackageName()}@${NODE_VERSION}`, '--pack-destination', staging], {
    cwd: staging,
    env: process.env,
    log,
    label: 'npm pack',
  });
  const tarball = join(staging, `${nodePackageName()}-${NODE_VERSION}.tgz`);
  await run('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], { cwd: staging, env: process.env, log, label: 'tar' });
  await rm(tarball, { force: true });
  const version = spawnSync(join(staging, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`The Node package gave "${version}", expected v${NODE_VERSION}.`);
  if (!existsSync(join(staging, 'include', 'node', 'node.h'))) throw new Error('The Node package has no headers (include/node/node.h).');
  await rm(nodeDir, { recursive: true, force: true });
  await rename(staging, nodeDir);
}

/** The environment every code-server/npm child runs in: Node 24 first on the PATH, its headers for node-gyp. */
function node24Env(extra = {}) {
  // Under `npm test` the outer npm exports its config as npm_* variables (its user agent names
  // Node 20, which code-server's postinstall rejects): none of that is for these children.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'),
  );
  return {
    ...inherited,
    PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    ...extra,
  };
}

async function installCodeServer(log) {
  const staging = `${codeServerProject}.partial`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  // A tiny project whose one dependency is code-server. npm 11 runs a dependency's install scripts
  // only when the project's allowScripts approves them; code-server's postinstall must run (it
  // installs VS Code's own dependencies, whose package.json approves its native modules).
  await writeFile(
    join(staging, 'package.json'),
    JSON.stringify(
      {
        name: 'account-glance-offline-vscode',
        private: true,
        description: 'code-server for the Account Glance tests; made by scripts/offline-vscode.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true },
      },
      null,
      2,
    ),
  );
  log(`  code-server ${CODE_SERVER_VERSION} from npm, building its native modules for Node ${NODE_VERSION} (a few minutes on 2 cores)…`);
  const started = Date.now();
  await run('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--ignore-scripts=false', '--loglevel=warn'], {
    cwd: staging,
    env: node24Env({ npm_config_update_notifier: 'false' }),
    log,
    label: 'npm install code-server',
  });
  const installed = join(staging, 'node_modules', 'code-server');
  // Proof the postinstall ran: VS Code's dependencies are there, with native modules built.
  const probes = [
    'lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node',
    'lib/vscode/node_modules/kerberos/build/Release/kerberos.node',
    'lib/vscode/bin/remote-cli/code-server',
    'lib/vscode/extensions/node_modules/typescript/package.json',
  ];
  for (const probe of probes) {
    if (!existsSync(join(installed, probe))) {
      throw new Error(
        `code-server's postinstall did not complete: ${probe} is missing. Were its install scripts blocked? (npm install-scripts ls)`,
      );
    }
  }
  log(`  code-server installed in ${Math.round((Date.now() - started) / 1000)} s.`);
  await rm(codeServerProject, { recursive: true, force: true });
  await rename(staging, codeServerProject);
}

/**
 * Installs Node 24 and code-server under .cache/vscode-offline/ unless already there; idempotent
 * and safe to call from parallel processes. Returns { nodeDir, node, codeServerDir, codeServerEntry }.
 */
export async function ensureVSCode({ log = (line) => console.error(line) } = {}) {
  if (existsSync(marker)) return installation();
  await acquireLock(log);
  try {
    if (existsSync(marker)) return installation();
    const started = Date.now();
    log(`Installing the offline VS Code into ${installRoot} (once; about 1.2 GB)…`);
    if (!existsSync(join(nodeDir, 'bin', 'node'))) await installNode(log);
    if (!existsSync(installation().codeServerEntry) || !existsSync(join(codeServerDir, 'lib', 'vscode', 'node_modules')))
      await installCodeServer(log);
    const version = spawnSync(installation().node, [installation().codeServerEntry, '--version'], { encoding: 'utf8', env: node24Env() });
    if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
      throw new Error(`code-server does not start: ${version.stderr || version.stdout}`);
    }
    await writeFile(
      marker,
      JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2),
    );
    log(`Offline VS Code ready in ${Math.round((Date.now() - started) / 1000)} s.`);
    return installation();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

/** The Chromium to drive: $CHROME_PATH, else Debian's /usr/bin/chromium. Throws one clear message. */
export function findChromium() {
  const candidates = process.env.CHROME_PATH ? [process.env.CHROME_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error('Chromium not found: install it with `apt-get install chromium` or set CHROME_PATH');
  return found;
}

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
 * Returns { url, port, pid, userDataDir, extensionsDir, workspace, logFile, output(), stop() }.
 */
export async function startCodeServer({
  userDataDir,
  extensionsDir,
  workspace,
  settings = {},
  env = {},
  smokeTestDriver = false,
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
    const tail = await run(
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

/** The flags that keep Chromium from reaching the network or asking anything. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** playwright-core's Chromium, using the system's browser (never a download). */
export async function launchBrowser({ headless = true, args = [] } = {}) {
  const executablePath = findChromium();
  const { chromium } = await import('playwright-core');
  const flags = headless ? CHROMIUM_FLAGS : CHROMIUM_FLAGS.filter((flag) => flag !== '--headless');
  return chromium.launch({ executablePath, headless, args: [...flags, ...args] });
}

// `node scripts/offline-vscode.mjs` installs (or checks) the offline VS Code and says where it is.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  ensureVSCode()
    .then((paths) =>
      console.log(
        `Offline VS Code: code-server ${CODE_SERVER_VERSION} on Node ${NODE_VERSION} at ${paths.codeServerDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      ),
    )
    .catch((error) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
