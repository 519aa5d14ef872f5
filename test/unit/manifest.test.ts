// The manifest (package.json): every string a person reads comes from package.nls.json, and
// nothing in it lists the services by hand, so a new adapter in the registry needs no edit here.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SERVICE_ADAPTERS } from '../../src/core/services/registry';
import { lowCreditThresholds } from '../../src/core/settingValues';
import { GLANCE_TOOLTIP_COMMANDS } from '../../src/views/viewModels/statusBarView';
import { statusMenu, type MenuAction } from '../../src/views/viewModels/statusMenu';
import { leadpingSnapshot } from '../support/snapshotBuilder';

const root = join(__dirname, '..', '..');
const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as {
  contributes: {
    viewsWelcome: { contents: string }[];
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    configuration: { properties: Record<string, Record<string, unknown>> };
    languageModelTools: { name: string }[];
  };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

test('every %key% in package.json is in package.nls.json, and every entry there is used', () => {
  const used = new Set([...manifestText.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]));
  assert.ok(used.size > 20, 'the manifest uses placeholders');
  for (const key of used) assert.ok(key !== undefined && key in nls, `package.nls.json lacks ${key}`);
  for (const key of Object.keys(nls)) assert.ok(used.has(key), `package.nls.json has unused ${key}`);
});

test('no English left in the manifest fields a person reads', () => {
  const readable =
    /"(displayName|description|markdownDescription|title|name|contextualTitle|contents|category|patternErrorMessage|markdownDeprecationMessage)": "(?!%)/;
  // The package's own "name" and a language-model tool's are identifiers, not text.
  const identifiers = new Set(manifest.contributes.languageModelTools.map((tool) => `"name": "${tool.name}",`));
  const lines = manifestText
    .split('\n')
    .filter((line) => readable.test(line) && !line.startsWith('  "name":') && !identifiers.has(line.trim()));
  assert.deepEqual(lines, []);
});

test('the welcome view and status-bar setting name no service: the registry decides', () => {
  const welcome = manifest.contributes.viewsWelcome.map((view) => nls[view.contents.slice(1, -1)] ?? view.contents).join('\n');
  const properties = manifest.contributes.configuration.properties;
  const services = properties['accountGlance.statusBar.services'];
  for (const adapter of SERVICE_ADAPTERS) {
    assert.doesNotMatch(welcome, new RegExp(`command:[^)]*${adapter.id}`), 'no per-service welcome link');
    assert.doesNotMatch(JSON.stringify(services), new RegExp(adapter.id), 'no per-service enum or default');
  }
  assert.deepEqual(services?.default, []);
  // Per-service settings are objects keyed by service id; only 0.1.0's base URL keys remain, deprecated.
  const perService = Object.keys(properties).filter((key) => SERVICE_ADAPTERS.some((adapter) => key.includes(`.${adapter.id}`)));
  assert.deepEqual(perService.sort(), ['accountGlance.leadping.baseUrl', 'accountGlance.signeasy.baseUrl']);
  for (const key of perService) assert.ok(properties[key]?.markdownDeprecationMessage, `${key} is marked deprecated`);
});

test('low-credit thresholds: the person’s value by service id, else the adapter’s default; nonsense is ignored', () => {
  const [leadping, signeasy] = SERVICE_ADAPTERS;
  assert.ok(leadping && signeasy);
  assert.deepEqual(lowCreditThresholds(undefined, SERVICE_ADAPTERS), { leadping: 5, signeasy: 20 });
  assert.deepEqual(lowCreditThresholds({ leadping: 0, signeasy: -1 }, SERVICE_ADAPTERS), { leadping: 0, signeasy: 20 });
  assert.deepEqual(lowCreditThresholds({ leadping: '3', unknown: 7 }, SERVICE_ADAPTERS), { leadping: 5, signeasy: 20 });
  assert.deepEqual(lowCreditThresholds([1, 2], SERVICE_ADAPTERS), { leadping: 5, signeasy: 20 });
});

/** The extension's own view container: VS Code contributes its "show" command. */
const VIEW_CONTAINER_COMMAND = 'workbench.view.extension.accountGlance';

test('every command src/commands registers is contributed with a title, and nothing else is', () => {
  const source = readFileSync(join(root, 'src', 'commands', 'commands.ts'), 'utf8');
  // registerCommands() keys its table by command id: 'accountGlance.refresh': …
  const registered = [...source.matchAll(/^\s*'(accountGlance\.[A-Za-z]+)':/gm)].map((match) => match[1]).sort();
  assert.ok(registered.includes('accountGlance.togglePrivacyMode') && registered.includes('accountGlance.copySummary'));
  assert.deepEqual(manifest.contributes.commands.map((command) => command.command).sort(), registered);
});

test('the palette offers Toggle Privacy Mode and Copy Summary, not the status menu; a signed-in service node offers Copy Summary', () => {
  const hidden = manifest.contributes.menus.commandPalette?.filter((entry) => entry.when === 'false').map((entry) => entry.command);
  assert.ok(hidden?.includes('accountGlance.showStatusMenu'));
  assert.ok(!hidden?.includes('accountGlance.togglePrivacyMode') && !hidden?.includes('accountGlance.copySummary'));
  const onService = manifest.contributes.menus['view/item/context']?.find((entry) => entry.command === 'accountGlance.copySummary');
  assert.match(onService?.when ?? '', /viewItem =~ \/\^service\\\.signedIn\//);
});

test('the status-bar click opens the menu by default; each value is described; privacy mode is off by default, user settings only', () => {
  const properties = manifest.contributes.configuration.properties;
  const clickAction = properties['accountGlance.statusBar.clickAction'];
  assert.equal(clickAction?.default, 'menu');
  assert.deepEqual(clickAction?.enum, ['menu', 'refresh', 'openPanel']);
  assert.deepEqual(
    clickAction?.enumDescriptions,
    ['menu', 'refresh', 'openPanel'].map((value) => `%configuration.statusBar.clickAction.enumDescriptions.${value}%`),
  );
  const privacy = properties['accountGlance.privacyMode'];
  assert.deepEqual([privacy?.type, privacy?.default, privacy?.scope], ['boolean', false, 'application']);
});

test('whatever the status menu and the tooltip run is a contributed command (or the view container)', () => {
  const contributed = new Set([...manifest.contributes.commands.map((command) => command.command), VIEW_CONTAINER_COMMAND]);
  const states = [{ accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() }];
  const actions = statusMenu({ adapters: SERVICE_ADAPTERS, states, privacyMode: false }).items.flatMap((item): MenuAction[] =>
    item.kind === 'action' ? [item] : item.kind === 'account' ? [...item.actions] : [],
  );
  assert.equal(actions.length, 11);
  for (const command of [...actions.map((action) => action.command), ...GLANCE_TOOLTIP_COMMANDS]) {
    assert.ok(contributed.has(command), `${command} is contributed`);
  }
});
