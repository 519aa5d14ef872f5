// What VS Code loads at start: the smallest part of Account Glance (esbuild.js bundles the rest,
// src/wiring.ts, as dist/core.js). activate() creates the status-bar item, paints last session's
// glance on it and returns a promise; on the next turn of the event loop it loads the rest, wires
// it, and resolves the promise with the API. VS Code waits for that promise before it runs one of
// our commands, fills our view or calls our tool, so nothing is asked of a part not there yet, and
// other extensions' activation does not wait for ours.
import type * as vscode from 'vscode';
import { LastGlanceStore } from './storage/lastStatusBarText';
import { createGlanceItem, paintLastSession } from './views/statusBarItem';
import type { ActivationExports } from './wiring';

export type { ActivationExports };

/** The rest of the extension, built beside this file; its own bundle, so start-up does not load it. */
function loadCore(): typeof import('./wiring') {
  // A plain require of a path esbuild leaves alone (see esbuild.js), so this bundle does not hold it.
  return require('./core.js') as typeof import('./wiring');
}

export function activate(context: vscode.ExtensionContext): Promise<ActivationExports> {
  const activationStart = performance.now();
  const statusBarItem = createGlanceItem();
  context.subscriptions.push(statusBarItem);
  const painted = new LastGlanceStore(context.globalState).read();
  if (painted) paintLastSession(statusBarItem, painted);
  const cachedPaintMs = performance.now() - activationStart;
  const timings = { activateMs: performance.now() - activationStart, cachedPaintMs };
  return new Promise((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(loadCore().wireUp(context, { statusBarItem, activationStart, timings }));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }, 0),
  );
}

export function deactivate(): void {}
