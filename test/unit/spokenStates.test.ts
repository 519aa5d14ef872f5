// Every state the Accounts tree and the status bar show by an icon or a colour (low, used up,
// stale, refresh failed, base URL changed) is also in the words a screen reader reads: the rows'
// accessibilityLabel (through spokenRow(), which the tree hands to VS Code) and the glance's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountProblem, ServiceError } from '../../src/core/model';
import type { AccountState } from '../../src/core/refresh/accountState';
import type { GlanceSettings } from '../../src/core/settingValues';
import { serviceRow, type Row } from '../../src/views/viewModels/accountRows';
import { describeGlance } from '../../src/views/viewModels/statusBarView';
import { spokenRow } from '../../src/views/viewModels/treeRow';
import { signedInState } from '../support/accountState';
import { FIXED_NOW } from '../support/clock';
import { inertAdapter, leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

const leadping = inertAdapter('leadping', 'Leadping', 'LP');
const signeasy = inertAdapter('signeasy', 'Signeasy', 'SE');
const context = { now: FIXED_NOW, locale: 'en-US' };
const NETWORK: ServiceError = { kind: 'network', reason: 'connectionRefused', host: 'api.leadping.example', code: 'ECONNREFUSED' };
const ORIGIN_CHANGED: ServiceError = { kind: 'originChanged', origin: 'https://proxy.example', tokenOrigin: 'https://api.leadping.ai' };
const EXHAUSTED: AccountProblem = { id: 'creditsExhausted', severity: 'error' };
const LOW_BALANCE: AccountProblem = {
  id: 'belowRefillTrigger',
  severity: 'warning',
  params: { balance: { amount: 3.2, currency: 'USD' }, refillTrigger: { amount: 5, currency: 'USD' } },
};

function rowsOf(row: Row): Row[] {
  return [row, ...(row.children ?? []).flatMap(rowsOf)];
}

function spokenById(row: Row, id: string): string {
  const found = rowsOf(row).find((candidate) => candidate.id === id);
  assert.ok(found, `a row ${id}`);
  return spokenRow(found);
}

test('a row without states of its own is read as its label and value, as before', () => {
  assert.equal(spokenRow({ id: 'a', kind: 'value', label: 'Balance', description: '$1,234.50' }), 'Balance: $1,234.50');
  assert.equal(spokenRow({ id: 'b', kind: 'section', label: 'Credits' }), 'Credits');
  assert.equal(spokenRow({ id: 'c', kind: 'value', label: 'Balance', description: '$1', accessibilityLabel: 'said' }), 'said');
  const fresh = serviceRow(leadping, signedInState('leadping', { snapshot: leadpingSnapshot() }), context);
  assert.equal(fresh.accessibilityLabel, undefined, 'a fresh account without trouble: its words say it all');
  assert.equal(spokenRow(fresh), `${fresh.label}: ${fresh.description}`);
});

test('the account node says a failed refresh and why, which its "(stale)" or "Could not load" alone does not', () => {
  const stale = serviceRow(
    leadping,
    signedInState('leadping', { snapshot: leadpingSnapshot(), error: NETWORK, failedAt: FIXED_NOW }),
    context,
  );
  assert.equal(stale.description, 'Dana Whitfield (stale)');
  assert.equal(spokenRow(stale), 'Leadping: Dana Whitfield (stale). Last refresh failed: Connection failed');

  const moved = serviceRow(leadping, signedInState('leadping', { error: ORIGIN_CHANGED, failedAt: FIXED_NOW }), context);
  assert.equal(moved.description, 'Could not load');
  assert.equal(spokenRow(moved), 'Leadping: Could not load. Last refresh failed: Base URL changed');

  const refreshing = serviceRow(leadping, signedInState('leadping', { snapshot: leadpingSnapshot(), refreshing: true }), context);
  assert.equal(refreshing.icon?.id, 'sync~spin');
  assert.equal(spokenRow(refreshing), 'Leadping: Dana Whitfield. Refreshing…');
});

test('the words of used up and low come with the node, and each problem row says the severity its icon colours', () => {
  const usedUp = serviceRow(signeasy, signedInState('signeasy', { snapshot: signeasySnapshot({ problems: [EXHAUSTED] }) }), context);
  assert.equal(usedUp.icon?.color, 'list.errorForeground');
  assert.match(spokenRow(usedUp), /no credits left/);
  assert.equal(
    spokenById(usedUp, 'signeasy/problems/creditsExhausted'),
    'Error: No credits left: requests that spend credits will fail until credits are added.',
  );

  const low = serviceRow(
    leadping,
    signedInState('leadping', { snapshot: leadpingSnapshot({ balance: 3.2, problems: [LOW_BALANCE] }) }),
    context,
  );
  assert.equal(low.icon?.color, 'list.warningForeground');
  assert.match(spokenRow(low), /low balance/);
  assert.match(spokenById(low, 'leadping/problems/belowRefillTrigger'), /^Warning: /);
});

test('the server row says the data does not come from the service’s own address', () => {
  const row = serviceRow(leadping, signedInState('leadping', { snapshot: leadpingSnapshot() }), {
    ...context,
    customHosts: { leadping: 'leadping.internal.example' },
  });
  assert.equal(
    spokenById(row, 'leadping/host'),
    `Server: Data from leadping.internal.example (not the default ${new URL(leadping.defaultBaseUrl).host})`,
  );
});

const settings: GlanceSettings = {
  enabled: true,
  services: ['leadping', 'signeasy'],
  counters: {},
  lowCredit: { leadping: 5, signeasy: 20 },
};
const glanceOf = (states: AccountState[], privacyMode = false) =>
  describeGlance({ adapters: [leadping, signeasy], states, settings: { ...settings, privacyMode }, now: FIXED_NOW, locale: 'en-US' });

test('the status item says each account’s state that only its background or icon shows: low, used up, stale, refresh failed, base URL changed', () => {
  const lowAndUsedUp = glanceOf([
    signedInState('leadping', { snapshot: leadpingSnapshot({ balance: 3.2 }) }),
    signedInState('signeasy', { snapshot: signeasySnapshot({ problems: [EXHAUSTED] }) }),
  ]);
  assert.equal(lowAndUsedUp.background, 'error');
  assert.equal(lowAndUsedUp.accessibilityLabel, 'Account Glance: Leadping Balance $3.20: low, Signeasy Envelopes available 1,760: used up');

  const failing = glanceOf([
    signedInState('leadping', { snapshot: leadpingSnapshot(), fromCache: true }),
    signedInState('signeasy', { error: ORIGIN_CHANGED, failedAt: FIXED_NOW }),
  ]);
  assert.equal(failing.text, '$(warning) LP $1,234.50 · SE $(error)');
  assert.equal(
    failing.accessibilityLabel,
    'Account Glance: Leadping Balance $1,234.50: stale, Signeasy not loaded: base URL changed, last refresh failed',
  );
  assert.equal(
    glanceOf([signedInState('leadping', { snapshot: leadpingSnapshot(), error: NETWORK, failedAt: FIXED_NOW })]).accessibilityLabel,
    'Account Glance: Leadping Balance $1,234.50: refresh failed, last refresh failed',
  );
  // Privacy mode says the same states, still without a value.
  assert.equal(
    glanceOf([signedInState('signeasy', { error: ORIGIN_CHANGED, failedAt: FIXED_NOW })], true).accessibilityLabel,
    'Account Glance, privacy mode on: Signeasy: base URL changed',
  );
});
