// Desktop runner for people with internet: `npm run test:electron` downloads VS Code (Electron)
// into .vscode-test/ and runs the same in-host suite as the offline runner
// (npm run test:integration, which uses code-server from npm and the system's Chromium).
// Configuration reference: https://github.com/microsoft/vscode-test-cli
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/*.test.js',
  version: 'stable',
  mocha: { ui: 'tdd', timeout: 20_000, color: true },
  launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
});
