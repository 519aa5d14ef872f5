import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountState } from '../../src/core/refresh/accountState';
import { describeGlance, type GlanceSettings } from '../../src/views/viewModels/creditGlance';
import { FIXED_NOW } from '../support/clock';
import { leadpingSnapshot, signeasySnapshot, inertAdapter } from '../support/snapshotBuilder';

const adapters = [inertAdapter('leadping', 'Leadping', 'LP'), inertAdapter('signeasy', 'Signeasy', 'SE')];
const settings: GlanceSettings = {
  enabled: true,
  services: ['leadping', 'signeasy'],
  counters: {},
  lowCredit: { leadping: 5, signeasy: 20 },
};

function glance(states: AccountState[], overrides: Partial<GlanceSettings> = {}) {
  return describeGlance({ adapters, states, settings: { ...settings, ...overrides }, now: FIXED_NOW, locale: 'en-US' });
}

const signedOut = (serviceId: string): AccountState => ({ serviceId, signedIn: false, refreshing: false });

test('normal: both headline counters, no background', () => {
  const view = glance([
    { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
    { serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
  ]);
  assert.equal(view.visible, true);
  assert.equal(view.text, '$(credit-card) LP $1,234.50 · SE 1,760');
  assert.equal(view.background, 'none');
  assert.match(view.tooltip, /\| Balance \| \\\$1,234\\\.50 \|/);
  assert.match(view.tooltip, /command:accountGlance\.refresh/);
  assert.match(view.tooltip, /Dana Whitfield/);
});

test('low credit below a threshold takes the warning background', () => {
  const view = glance([
    { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot({ balance: 3.2 }) },
    signedOut('signeasy'),
  ]);
  assert.equal(view.text, '$(credit-card) LP $3.20');
  assert.equal(view.background, 'warning');
  assert.match(view.tooltip, /below your threshold/);
});

test('zero: Leadping at $0 and Signeasy with envelope and grace both used up take the error background', () => {
  assert.equal(
    glance([{ serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot({ balance: 0 }) }]).background,
    'error',
  );
  const exhausted = glance([
    signedOut('leadping'),
    { serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot({ envelopes: 0, grace: 0 }) },
  ]);
  assert.equal(exhausted.background, 'error');
  assert.match(exhausted.tooltip, /Out of credits/);
});

test('Signeasy with envelopes at zero but grace credits left is only a warning', () => {
  const view = glance([
    signedOut('leadping'),
    { serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot({ envelopes: 0, grace: 180 }) },
  ]);
  assert.equal(view.background, 'warning');
});

test('a failed refresh keeps the last values with a warning mark and the reason', () => {
  const view = glance([
    {
      serviceId: 'leadping',
      signedIn: true,
      refreshing: false,
      snapshot: leadpingSnapshot(),
      error: { kind: 'server', status: 500, attempts: 3 },
    },
  ]);
  assert.equal(view.text, '$(warning) LP $1,234.50');
  assert.match(view.tooltip, /Last refresh failed: Leadping had a server error \\\(HTTP 500\\\)\\\. Tried 3 times\\\./);
});

test('an error with no data yet shows an error mark for that service', () => {
  const view = glance([
    { serviceId: 'leadping', signedIn: true, refreshing: false, error: { kind: 'unauthorized', reason: 'tokenRejected', status: 401 } },
  ]);
  assert.equal(view.text, '$(warning) LP $(error)');
});

test('refreshing spins', () => {
  const view = glance([{ serviceId: 'signeasy', signedIn: true, refreshing: true, snapshot: signeasySnapshot() }]);
  assert.equal(view.text, '$(sync~spin) SE 1,760');
});

test('hidden with no token, or when turned off', () => {
  assert.equal(glance([signedOut('leadping'), signedOut('signeasy')]).visible, false);
  assert.equal(
    glance([{ serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() }], { enabled: false }).visible,
    false,
  );
});

test('which services and which counter are configurable', () => {
  const states: AccountState[] = [
    { serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
    { serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
  ];
  assert.equal(glance(states, { services: ['signeasy'], counters: { signeasy: 'envelopesUsed' } }).text, '$(credit-card) SE 40');
  assert.equal(glance(states, { services: ['signeasy', 'leadping'] }).text, '$(credit-card) SE 1,760 · LP $1,234.50');
  // An unknown counter id falls back to the headline.
  assert.equal(glance(states, { services: ['signeasy'], counters: { signeasy: 'nope' } }).text, '$(credit-card) SE 1,760');
});

test('names from the service are escaped in the tooltip', () => {
  const snapshot = leadpingSnapshot({ identity: { displayName: '[x](command:workbench.action.quit)' } });
  const view = glance([{ serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }]);
  assert.doesNotMatch(view.tooltip, /\[x\]\(command:workbench/);
});
