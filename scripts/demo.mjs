// npm run demo [-- --vscode auto|desktop|server] [-- --port N]
//
// Account Glance working in a real VS Code within a couple of minutes, with no account anywhere:
// builds the extension, starts the project's fake services on loopback with their demo accounts,
// and opens VS Code with the extension pointed at them, in a throwaway profile under .cache/runs/
// (never your own settings or secrets). Prints where to go and which tokens to paste; Ctrl+C stops
// everything it started. test/ui/demo.test.mjs runs it and follows that printout.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { basename, delimiter, dirname, join } from 'node:path';
import { createRunDir, QUIET_SETTINGS, startCodeServer } from '../test/harness/code-server.mjs';
import { parseCommandLine, UsageError } from '../test/harness/command-line.mjs';
import { buildExtension } from '../test/harness/extension-package.mjs';
import { ensureVSCode } from '../test/harness/offline-vscode.mjs';
import { repoRoot } from '../test/harness/paths.mjs';
import { launchFakeServer } from '../test/fake-server/launch.mjs';

const USAGE = 'npm run demo [-- --vscode auto|desktop|server] [-- --port N]';

/** The command line as the demo's options; a UsageError when it cannot be. */
function parseDemoArgs(args) {
  const { values, number } = parseCommandLine(USAGE, {
    args,
    options: {
      vscode: { type: 'string', default: 'auto' },
      port: { type: 'string', default: '0' },
    },
  });
  if (!['auto', 'desktop', 'server'].includes(values.vscode)) {
    throw new UsageError(`--vscode takes auto, desktop or server, not ${JSON.stringify(values.vscode)}`, USAGE);
  }
  return { vscode: values.vscode, port: number('port', { integer: true, min: 0 }) };
}

function desktopCodeOnPath() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'code'))) return join(dir, 'code');
  }
  return undefined;
}

/**
 * Copies what the .vsix would hold into an extensions folder, as an installed extension: the paths
 * .vscodeignore lets in (`!dist/extension.js`, `!media/**`, `!package.nls*.json`, …).
 */
async function installUnpacked(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const target = join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  const included = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1).trim());
  for (const pattern of included) {
    const path = pattern.replace(/\/\*\*$/, ''); // `media/**` is the whole folder
    const folder = dirname(path);
    // A `*` stands for any part of a file name (package.nls*.json); folder names have none.
    const [prefix, suffix] = basename(path).split('*');
    const matches = (name) => (suffix === undefined ? name === prefix : name.startsWith(prefix) && name.endsWith(suffix));
    if (!existsSync(join(repoRoot, folder))) continue;
    for (const name of readdirSync(join(repoRoot, folder)).filter(matches)) {
      await cp(join(repoRoot, folder, name), join(target, folder, name), { recursive: true });
    }
  }
}

/** Everything the demo starts, and a stop() that undoes it all (last started, first stopped). */
async function startDemo({ vscode, port }) {
  const mode = vscode === 'auto' ? (desktopCodeOnPath() ? 'desktop' : 'server') : vscode;
  buildExtension();
  const profile = await createRunDir('demo');
  const { userDataDir, extensionsDir, workspace } = profile;
  const fake = await launchFakeServer({ demo: true });
  const stops = [() => profile.remove(), () => fake.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step().catch(() => {});
  };
  try {
    if (mode === 'desktop') {
      const code = desktopCodeOnPath();
      if (!code) throw new Error('`code` is not on the PATH: use --vscode server.');
      await mkdir(join(userDataDir, 'User'), { recursive: true });
      await writeFile(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...fake.baseUrlSettings }, null, 2));
      const args = ['--wait', '--new-window', `--extensionDevelopmentPath=${repoRoot}`, `--user-data-dir=${userDataDir}`];
      const child = spawn(code, [...args, `--extensions-dir=${extensionsDir}`, workspace], { stdio: 'inherit' });
      stops.push(async () => void child.kill('SIGTERM'));
      return { url: undefined, fake, stop, exited: new Promise((resolve) => child.once('exit', resolve)) };
    }
    console.log('Preparing the offline VS Code (code-server) — the first time takes a few minutes…');
    await ensureVSCode({ log: console.log });
    await installUnpacked(extensionsDir);
    const server = await startCodeServer({ userDataDir, extensionsDir, workspace, port, settings: fake.baseUrlSettings, log: console.log });
    stops.push(() => server.stop());
    return { url: `${server.url}/?folder=${encodeURIComponent(workspace)}`, fake, stop, exited: new Promise(() => {}) };
  } catch (error) {
    await stop();
    throw error;
  }
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

  const { fake } = demo;
  const services = Object.keys(fake.tokens);
  const nameWidth = Math.max(...services.map((service) => fake.displayNames[service].length));
  console.log('');
  console.log('Account Glance demo is running.');
  if (demo.url) console.log(`  Open VS Code in your browser:  ${demo.url}`);
  else console.log('  A VS Code window opened with Account Glance loaded.');
  console.log(
    `  Fake ${services.map((service) => fake.displayNames[service]).join(' and ')}: ${fake.url} (the base-URL settings point here)`,
  );
  console.log('');
  console.log('  Sign in: run "Account Glance: Set API Token..." (F1), choose the service, paste its token:');
  for (const service of services) console.log(`    ${fake.displayNames[service].padEnd(nameWidth)}  ${fake.tokens[service]}`);
  console.log("  (These work only against the fake servers. The token goes into VS Code's secret storage.)");
  console.log('');
  console.log('Press Ctrl+C to stop everything.');
  await demo.exited;
  await shutdown();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
