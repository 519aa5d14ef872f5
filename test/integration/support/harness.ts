// Shared by the in-host suites: the extension's test API, the fake server, settings and waiting.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AccountGlanceTestApi } from '../../../src/testApi';
import type { ActivationExports } from '../../../src/extension';
import type { Row } from '../../../src/views/viewModels/accountRows';
import { startFakeServer, type FakeServer, type FakeService } from '../../fake-server';
import { windowPrompts, type Prompts } from '../../../src/commands/prompts';
import { TokenStore } from '../../../src/storage/tokenStore';
import { waitFor } from '../../harness/wait-for.mjs';

export { waitFor };

export const EXTENSION_ID = 'accountglance.account-glance';
export const SERVICES: readonly FakeService[] = ['leadping', 'signeasy'];
/** Where the list of accounts (further accounts, labels, pins) lives in secret storage (src/storage/accountIndex.ts). */
export const ACCOUNT_LIST_KEY = 'accountGlance.accounts';

export async function testApi(): Promise<AccountGlanceTestApi> {
  const extension = vscode.extensions.getExtension<ActivationExports>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  const api = (await extension.activate()).testApi;
  assert.ok(api, 'the extension hands its test API to the test host');
  return api;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('accountGlance').update(key, value, vscode.ConfigurationTarget.Global);
}

/** A fake server both services point at, with every token removed and the default settings. */
export async function freshWorld(api: AccountGlanceTestApi): Promise<FakeServer> {
  api.prompts = windowPrompts;
  api.onDidShowInputBox = undefined;
  for (const service of SERVICES) await removeTokenElsewhere(api, service);
  // Further accounts, and the list that names them with every label and pin.
  for (const state of api.refresher.states()) {
    if (!SERVICES.includes(state.accountKey as FakeService)) await api.secrets.delete(TokenStore.keyFor(state.accountKey));
  }
  await api.secrets.delete(ACCOUNT_LIST_KEY);
  // A refresh with no tokens sends nothing; it forgets states a broken keyring left signed in.
  await api.refresher.refresh();
  await waitFor(
    () => api.refresher.states().every((state) => !state.signedIn && state.label === undefined && !state.pinned),
    'every account signed out, unlabelled and unpinned',
  );
  const server = await startFakeServer();
  for (const service of SERVICES) await setSetting(`${service}.baseUrl`, server.url);
  return server;
}

/**
 * The hooks the panel's in-host suites share. Once per suite: the extension's test API. Before each
 * test: a fresh world (freshWorld), handed to `enter` with the API. After each test: `leave` (the
 * suite's own clean-up, while the fake server still answers), then that server is closed.
 */
export function useFreshWorld(enter: (world: { api: AccountGlanceTestApi; server: FakeServer }) => unknown, leave?: () => unknown): void {
  let api: AccountGlanceTestApi;
  let server: FakeServer | undefined;
  suiteSetup(async () => {
    api = await testApi();
  });
  setup(async () => {
    server = await freshWorld(api);
    await enter({ api, server });
  });
  teardown(async () => {
    try {
      await leave?.();
    } finally {
      await server?.close();
      server = undefined;
    }
  });
}

/**
 * Automatic retries after 15 s become 15 ms (the same code path, without waiting minutes), and the
 * schedule runs although headless Chromium never gives the window focus (it rests while unfocused).
 */
export function runScheduleFast(api: AccountGlanceTestApi): void {
  api.retryDelayScale = 0.001;
  api.schedule.setFocused(true);
}

/** Prompts that give `answers`; any other question is dismissed, as a person pressing Escape would. */
export function answering(answers: Partial<Prompts>): Prompts {
  return {
    pickService: async () => undefined,
    confirm: async () => false,
    pickFromMenu: async () => undefined,
    askText: async () => undefined,
    notify: async () => undefined,
    flash: () => undefined,
    ...answers,
  };
}

let accounts = 0;
/**
 * The same fake account under a token of its own (the fake ignores a `.label` suffix): each test
 * that leans on automatic retries gets a fresh request budget, as a new account would.
 */
export function ownAccount(token: string): string {
  return `${token}.test${++accounts}`;
}

/** The origin a service's base URL setting names now. */
export function configuredOrigin(service: FakeService): string {
  const baseUrl = vscode.workspace.getConfiguration('accountGlance').inspect<string>(`${service}.baseUrl`)?.globalValue ?? '';
  return new URL(baseUrl).origin;
}

/** Writes a token straight into secret storage, as another window would (bound to `origin`), or as 0.1.0 did (a bare string). */
export async function storeTokenElsewhere(
  api: AccountGlanceTestApi,
  service: FakeService,
  token: string,
  origin: string | 'unbound' = configuredOrigin(service),
): Promise<void> {
  const value = origin === 'unbound' ? token : JSON.stringify({ version: 2, token, origin });
  await api.secrets.store(TokenStore.keyFor(service), value);
}

/** Deletes a token straight from secret storage, as another window would. */
export async function removeTokenElsewhere(api: AccountGlanceTestApi, service: FakeService): Promise<void> {
  await api.secrets.delete(TokenStore.keyFor(service));
}

/** Stores a token the way another window would, and waits for the refresh it causes to settle. */
export async function signIn(api: AccountGlanceTestApi, service: FakeService, token: string): Promise<void> {
  const before = Date.now();
  await storeTokenElsewhere(api, service, token);
  await waitFor(() => {
    const state = api.refresher.state(service);
    return (
      state.signedIn && !state.refreshing && ((state.snapshot && state.snapshot.fetchedAt >= before) || (state.failedAt ?? 0) >= before)
    );
  }, `${service} to settle after its token changed`);
}

/** Every row of the tree as "label: description", depth-first. */
export function treeLines(api: AccountGlanceTestApi): string[] {
  const lines: string[] = [];
  const walk = (row: Row) => {
    lines.push(`${row.label}: ${row.description ?? ''}`);
    for (const child of api.tree.getChildren(row)) walk(child);
  };
  for (const root of api.tree.getChildren()) walk(root);
  return lines;
}

export function serviceRowOf(api: AccountGlanceTestApi, service: FakeService): Row | undefined {
  return api.tree.getChildren().find((row) => row.id === service);
}

/** Everything the extension's log channel has written (the LogOutputChannel's files under its log folder). */
export async function readLogText(api: AccountGlanceTestApi): Promise<string> {
  try {
    const names = await fs.readdir(api.logUri.fsPath);
    const texts = await Promise.all(names.map((name) => fs.readFile(path.join(api.logUri.fsPath, name), 'utf8').catch(() => '')));
    return texts.join('\n');
  } catch {
    return '';
  }
}

/**
 * Runs a sign-in command (`accountGlance.addAccount` with a service id, or `accountGlance.setToken`
 * with an account key), types `token` into the real token box it opens and accepts it; resolves to
 * the account key the command says now holds the token (undefined when nothing was saved).
 */
export async function typeTokenInto(
  api: AccountGlanceTestApi,
  command: 'accountGlance.addAccount' | 'accountGlance.setToken',
  argument: string,
  token: string,
): Promise<string | undefined> {
  api.onDidShowInputBox = (box) => {
    box.value = token;
    void vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
  };
  try {
    return await vscode.commands.executeCommand<string | undefined>(command, argument);
  } finally {
    api.onDidShowInputBox = undefined;
  }
}

/** Every row of the tree as VS Code is handed it (getTreeItem), depth-first. */
export function treeItems(api: AccountGlanceTestApi): vscode.TreeItem[] {
  const items: vscode.TreeItem[] = [];
  const walk = (row: Row) => {
    items.push(api.tree.getTreeItem(row));
    for (const child of api.tree.getChildren(row)) walk(child);
  };
  for (const row of api.tree.getChildren()) walk(row);
  return items;
}

/**
 * Writes the test window's workspace settings file, as a `git pull` could, with
 * `accountGlance.statusBar.clickAction: openPanel` beside `values` as the sign that VS Code read it,
 * and waits for that. Resolves to the file, for the test to remove.
 */
export async function writeWorkspaceSettings(values: Readonly<Record<string, unknown>>): Promise<string> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the test window has a workspace folder');
  const file = path.join(folder, '.vscode', 'settings.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify({ ...values, 'accountGlance.statusBar.clickAction': 'openPanel' }));
  await waitFor(
    () => vscode.workspace.getConfiguration('accountGlance').get('statusBar.clickAction') === 'openPanel',
    'VS Code to read the workspace settings',
  );
  return file;
}
