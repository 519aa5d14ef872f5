// The offline VS Code: Node 24 and code-server (VS Code 1.139 with its Node extension host) from
// the npm registry into .cache/vscode-offline/, once; later calls return at once. Plain ESM so it
// runs before any build. See /work/shared/REAL-VSCODE.md for why each piece is what it is.
// code-server.mjs starts it; browser.mjs opens it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot } from './paths.mjs';

const NODE_VERSION = '24.21.0';
const CODE_SERVER_VERSION = '4.139.1';

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

/** Whether a process id is alive (ours or another user's). */
export function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

/**
 * Runs a command, keeping the last lines of its output (shown as they come with AG_VERBOSE);
 * resolves those lines, or throws with them on failure.
 */
export function runKeepingTail(command, args, { cwd, env, log, label }) {
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
  await runKeepingTail('npm', ['pack', `${nodePackageName()}@${NODE_VERSION}`, '--pack-destination', staging], {
    cwd: staging,
    env: process.env,
    log,
    label: 'npm pack',
  });
  const tarball = join(staging, `${nodePackageName()}-${NODE_VERSION}.tgz`);
  await runKeepingTail('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1'], {
    cwd: staging,
    env: process.env,
    log,
    label: 'tar',
  });
  await rm(tarball, { force: true });
  const version = spawnSync(join(staging, 'bin', 'node'), ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (version !== `v${NODE_VERSION}`) throw new Error(`The Node package gave "${version}", expected v${NODE_VERSION}.`);
  if (!existsSync(join(staging, 'include', 'node', 'node.h'))) throw new Error('The Node package has no headers (include/node/node.h).');
  await rm(nodeDir, { recursive: true, force: true });
  await rename(staging, nodeDir);
}

/** The environment every code-server/npm child runs in: Node 24 first on the PATH, its headers for node-gyp. */
export function node24Env(extra = {}) {
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
        description: 'code-server for the Account Glance tests; made by test/harness/offline-vscode.mjs',
        dependencies: { 'code-server': CODE_SERVER_VERSION },
        allowScripts: { [`code-server@${CODE_SERVER_VERSION}`]: true },
      },
      null,
      2,
    ),
  );
  log(`  code-server ${CODE_SERVER_VERSION} from npm, building its native modules for Node ${NODE_VERSION} (a few minutes on 2 cores)…`);
  const started = Date.now();
  await runKeepingTail('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', '--ignore-scripts=false', '--loglevel=warn'], {
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
