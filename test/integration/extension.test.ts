// The manifest meets the real extension host: the extension loads and activates, everything it
// contributes is there, its settings read back with their defaults, SecretStorage round-trips.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support/harness';

interface Manifest {
  extensionKind?: string[];
  contributes: {
    commands: { command: string }[];
    viewsContainers: { activitybar: { id: string; title: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    configuration: { properties: Record<string, { default?: unknown; scope?: string }> };
  };
}

/** What activate() may hand to tests; read guardedly, since the API grows with the extension. */
interface MaybeTestApi {
  testApi?: { secrets: vscode.SecretStorage };
}

suite('Extension in a real extension host', () => {
  let extension: vscode.Extension<unknown>;
  let manifest: Manifest;

  suiteSetup(() => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is present`);
    extension = found;
    manifest = extension.packageJSON as Manifest;
  });

  test('activates', async () => {
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('registers every accountGlance.* command the manifest contributes', async () => {
    await extension.activate();
    const contributed = manifest.contributes.commands.map((entry) => entry.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    for (const command of contributed) assert.match(command, /^accountGlance\./);
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((command) => !registered.has(command));
    assert.deepEqual(missing, [], 'contributed but not registered');
  });

  test('contributes the Account Glance view container and its Accounts view', () => {
    const container = manifest.contributes.viewsContainers.activitybar.find((entry) => entry.id === 'accountGlance');
    assert.ok(container, 'activity-bar container accountGlance');
    assert.equal(container.title, 'Account Glance');
    const views = manifest.contributes.views.accountGlance ?? [];
    assert.deepEqual(
      views.map((view) => [view.id, view.name]),
      [['accountGlance.accounts', 'Accounts']],
    );
  });

  test('every accountGlance.* setting reads back with its declared default', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    assert.ok(properties.length > 0, 'the manifest declares settings');
    const configuration = vscode.workspace.getConfiguration();
    for (const [key, schema] of properties) {
      assert.match(key, /^accountGlance\./);
      const inspected = configuration.inspect(key);
      assert.ok(inspected, `${key} is known to VS Code`);
      assert.deepEqual(inspected.defaultValue, schema.default, `${key} default`);
      if (inspected.globalValue === undefined && inspected.workspaceValue === undefined) {
        assert.deepEqual(configuration.get(key), schema.default, `${key} value`);
      }
    }
    const section = vscode.workspace.getConfiguration('accountGlance');
    assert.equal(section.inspect('requestTimeoutSeconds')?.defaultValue, 15);
    assert.equal(section.inspect('statusBar.clickAction')?.defaultValue, 'menu');
  });

  test('settings that decide where a token goes can only come from the person: application scope', () => {
    const properties = manifest.contributes.configuration.properties;
    const baseUrls = Object.keys(properties).filter((key) => /\bbaseUrl\b/i.test(key));
    // One object keyed by service id, plus 0.1.0's per-service keys, still read.
    assert.deepEqual(baseUrls.sort(), ['accountGlance.baseUrl', 'accountGlance.leadping.baseUrl', 'accountGlance.signeasy.baseUrl']);
    for (const key of baseUrls) assert.equal(properties[key]?.scope, 'application', key);
  });

  test("runs on the person's own machine where it can (remote windows keep tokens local)", () => {
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
  });

  test('SecretStorage round trip through the test API', async function () {
    const api = ((await extension.activate()) as MaybeTestApi | undefined)?.testApi;
    assert.ok(api, 'activate() returns its test API beside the public one in ExtensionMode.Test');
    const value = `round-trip-${Date.now()}`;
    const key = 'accountGlance.test.roundTrip';
    await api.secrets.store(key, value);
    assert.equal(await api.secrets.get(key), value);
    await api.secrets.delete(key);
    assert.equal(await api.secrets.get(key), undefined);
  });
});
