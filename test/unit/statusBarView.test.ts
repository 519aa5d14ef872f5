import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CreditCounter, MoneyAmount, ServiceError } from '../../src/core/model';
import type { AccountState } from '../../src/core/refresh/accountState';
import type { GlanceSettings } from '../../src/core/settingValues';
import { describeGlance, GLANCE_TOOLTIP_COMMANDS, type GlanceView } from '../../src/views/viewModels/statusBarView';
import { formatCounterValue, formatMoney } from '../../src/views/viewModels/format';
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

const signedOut = (serviceId: string): AccountState => ({ accountKey: serviceId, serviceId, signedIn: false, refreshing: false });

test('normal: both headline counters, no background', () => {
  const view = glance([
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
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
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot({ balance: 3.2 }) },
    signedOut('signeasy'),
  ]);
  assert.equal(view.text, '$(credit-card) LP $3.20 $(arrow-down)');
  assert.equal(view.background, 'warning');
  assert.match(view.tooltip, /below your threshold/);
});

test('zero: Leadping at $0 and Signeasy with envelope and grace both used up take the error background', () => {
  assert.equal(
    glance([
      { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot({ balance: 0 }) },
    ]).background,
    'error',
  );
  const exhausted = glance([
    signedOut('leadping'),
    {
      accountKey: 'signeasy',
      serviceId: 'signeasy',
      signedIn: true,
      refreshing: false,
      snapshot: signeasySnapshot({ envelopes: 0, grace: 0 }),
    },
  ]);
  assert.equal(exhausted.background, 'error');
  assert.match(exhausted.tooltip, /Out of credits/);
});

test('low and used up show in the text, each by a mark of its own, since High Contrast draws neither background', () => {
  const leadping = (balance: number, more: Partial<AccountState> = {}): AccountState => ({
    accountKey: 'leadping',
    serviceId: 'leadping',
    signedIn: true,
    refreshing: false,
    snapshot: leadpingSnapshot({ balance }),
    ...more,
  });
  const error: ServiceError = { kind: 'server', status: 500, attempts: 3 };
  const texts = (privacyMode: boolean) => {
    const text = (state: AccountState) => glance([state, signedOut('signeasy')], { privacyMode }).text;
    return {
      normal: text(leadping(18.75)),
      low: text(leadping(3.2)),
      usedUp: text(leadping(0)),
      refreshFailed: text(leadping(18.75, { error })),
      refreshFailedWithNoData: text({ accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, error }),
      refreshing: text(leadping(18.75, { refreshing: true })),
    };
  };
  assert.deepEqual(texts(false), {
    normal: '$(credit-card) LP $18.75',
    low: '$(credit-card) LP $3.20 $(arrow-down)',
    usedUp: '$(credit-card) LP $0.00 $(circle-slash)',
    refreshFailed: '$(warning) LP $18.75',
    refreshFailedWithNoData: '$(warning) LP $(error)',
    refreshing: '$(sync~spin) LP $18.75',
  });
  // Privacy mode hides the amount, not the level (the background and the spoken label say it too).
  assert.deepEqual(texts(true), {
    normal: '$(eye-closed) LP •••',
    low: '$(eye-closed) LP ••• $(arrow-down)',
    usedUp: '$(eye-closed) LP ••• $(circle-slash)',
    refreshFailed: '$(eye-closed) $(warning) LP •••',
    refreshFailedWithNoData: '$(eye-closed) $(warning) LP $(error)',
    refreshing: '$(eye-closed) $(sync~spin) LP •••',
  });
  // Told apart by their icons alone, with or without privacy mode: no two states show the same ones.
  for (const privacyMode of [false, true]) {
    const icons = Object.values(texts(privacyMode)).map((text) => (text.match(/\$\([^)]*\)/g) ?? []).join(' '));
    assert.equal(new Set(icons).size, icons.length, icons.join(' | '));
  }
  // A failed refresh of a low account shows both.
  assert.equal(glance([leadping(3.2, { error })]).text, '$(warning) LP $3.20 $(arrow-down)');
});

test('Signeasy with envelopes at zero but grace credits left is only a warning', () => {
  const view = glance([
    signedOut('leadping'),
    {
      accountKey: 'signeasy',
      serviceId: 'signeasy',
      signedIn: true,
      refreshing: false,
      snapshot: signeasySnapshot({ envelopes: 0, grace: 180 }),
    },
  ]);
  assert.equal(view.background, 'warning');
});

test('a failed refresh keeps the last values with a warning mark and the reason', () => {
  const view = glance([
    {
      accountKey: 'leadping',
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
    {
      accountKey: 'leadping',
      serviceId: 'leadping',
      signedIn: true,
      refreshing: false,
      error: { kind: 'unauthorized', reason: 'tokenRejected', status: 401 },
    },
  ]);
  assert.equal(view.text, '$(warning) LP $(error)');
});

test('refreshing spins', () => {
  const view = glance([{ accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: true, snapshot: signeasySnapshot() }]);
  assert.equal(view.text, '$(sync~spin) SE 1,760');
});

test('hidden with no token, or when turned off', () => {
  assert.equal(glance([signedOut('leadping'), signedOut('signeasy')]).visible, false);
  assert.equal(
    glance([{ accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() }], {
      enabled: false,
    }).visible,
    false,
  );
});

test('which services and which counter are configurable', () => {
  const states: AccountState[] = [
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
  ];
  assert.equal(glance(states, { services: ['signeasy'], counters: { signeasy: 'envelopesUsed' } }).text, '$(credit-card) SE 40');
  assert.equal(glance(states, { services: ['signeasy', 'leadping'] }).text, '$(credit-card) SE 1,760 · LP $1,234.50');
  // An unknown counter id falls back to the headline.
  assert.equal(glance(states, { services: ['signeasy'], counters: { signeasy: 'nope' } }).text, '$(credit-card) SE 1,760');
});

test('names from the service are escaped in the tooltip', () => {
  const snapshot = leadpingSnapshot({ identity: { displayName: '[x](command:workbench.action.quit)' } });
  const view = glance([{ accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }]);
  assert.doesNotMatch(view.tooltip, /\[x\]\(command:workbench/);
});

// ---------------------------------------------------------------------------------------------
// Privacy mode: the item, its tooltip and its accessibility label say which services are shown and
// in what state, never a value, name, email or host.

const DAY_MS = 86_400_000;
const CUSTOM_HOSTS = { leadping: 'leadping.internal.example', signeasy: 'signeasy.internal.example' };

/** Leadping low ($3.20 under $5) with a problem quoting amounts and a forecast quoting a rate; Signeasy known by email only, its refresh failing. */
function privacyCase() {
  const leadping = leadpingSnapshot({
    balance: 3.2,
    problems: [
      {
        id: 'belowRefillTrigger',
        severity: 'warning',
        params: { balance: { amount: 3.2, currency: 'USD' }, refillTrigger: { amount: 10, currency: 'USD' } },
      },
    ],
  });
  const signeasyBase = signeasySnapshot();
  const signeasy = signeasySnapshot({
    identity: { email: 'john@example.com', id: '699829', organization: 'ACME Corp.' },
    // Values no date or time on the screen could contain by chance.
    counters: signeasyBase.counters.map((counter, index) => ({ ...counter, value: [1760, 4242, 180, 977][index] })),
  });
  const forecast = {
    counter: leadping.counters[0] as CreditCounter,
    points: [],
    refills: [],
    forecast: { kind: 'runsOut' as const, perDay: 2.1, source: 'localHistory' as const, runsOutAt: FIXED_NOW + 2 * DAY_MS },
  };
  const error: ServiceError = {
    kind: 'network',
    reason: 'connectionRefused',
    host: 'signeasy.internal.example:8443',
    code: 'ECONNREFUSED',
  };
  const states: AccountState[] = [
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadping },
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasy, error, failedAt: FIXED_NOW },
  ];
  const render = (privacyMode: boolean) =>
    describeGlance({
      adapters,
      states,
      settings: { ...settings, forecastWarningDays: 3, privacyMode },
      now: FIXED_NOW,
      locale: 'en-US',
      customHosts: CUSTOM_HOSTS,
      forecasts: { leadping: forecast },
    });
  const money = (amount: MoneyAmount | undefined) => (amount ? formatMoney(amount.amount, amount.currency, 'en-US') : undefined);
  // What the normal glance shows of the data: each must be there, or its absence in privacy mode proves nothing.
  const shown = [
    'Dana Whitfield',
    'john@example.com',
    ...[leadping, signeasy].flatMap((snapshot) =>
      snapshot.counters.map((counter) => formatCounterValue(counter.value, counter.unit, 'en-US')),
    ),
    ...leadping.problems.flatMap((problem) => [money(problem.params?.balance), money(problem.params?.refillTrigger)]),
    formatCounterValue(forecast.forecast.perDay, forecast.counter.unit, 'en-US'),
    ...Object.values(CUSTOM_HOSTS),
    error.host,
  ].filter((value): value is string => value !== undefined);
  // Everything the snapshots hold about who and how much: none of it may show in privacy mode.
  const secret = [
    ...shown,
    ...[leadping, signeasy].flatMap((snapshot) => [
      ...Object.values(snapshot.identity).filter((value): value is string => typeof value === 'string'),
      ...snapshot.counters.map((counter) => String(counter.value)),
      snapshot.plan.name ?? '',
    ]),
  ].filter((value) => value !== '');
  return { render, shown, secret };
}

/** What a person reads: Markdown escapes undone, so an escaped "\$3\.20" counts as "$3.20". */
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
const readable = (view: GlanceView) => [view.text, unescaped(view.tooltip), view.accessibilityLabel];

test('privacy mode: no amount, name, email or host from the snapshots appears in the text, tooltip or accessibility label', () => {
  const { render, shown, secret } = privacyCase();
  const normal = readable(render(false)).join('\n');
  for (const value of shown) assert.ok(normal.includes(value), `the normal glance shows ${value}`);

  const view = render(true);
  readable(view).forEach((text, index) => {
    const leaked = secret.filter((value) => text.includes(value));
    assert.deepEqual(leaked, [], `${['text', 'tooltip', 'accessibility label'][index]}: ${text}`);
  });
  assert.equal(view.text, '$(eye-closed) $(warning) LP ••• $(arrow-down) · SE •••');
});

test('privacy mode: the states stay, the warning background stays, and the tooltip says how to turn it off', () => {
  const { render } = privacyCase();
  const view = render(true);
  assert.equal(view.background, render(false).background);
  assert.equal(view.background, 'warning');
  assert.equal(view.accessibilityLabel, 'Account Glance, privacy mode on: Leadping: low, Signeasy: refresh failed');
  assert.match(view.tooltip, /^\$\(eye-closed\) Privacy mode is on/);
  assert.match(view.tooltip, /\(command:accountGlance\.togglePrivacyMode "Turn Privacy Mode Off"\)/);
  const tooltip = unescaped(view.tooltip);
  assert.match(tooltip, /### Leadping\n\$\(warning\) Credits are low {2}\n\$\(warning\) low balance, auto-refill off/);
  assert.match(tooltip, /### Signeasy\nUpdated 2 minutes ago .*\n\$\(warning\) Last refresh failed: Connection failed/);
  assert.match(view.tooltip, /command:accountGlance\.refresh/);
  assert.ok(GLANCE_TOOLTIP_COMMANDS.includes('accountGlance.togglePrivacyMode'), 'the tooltip may run the toggle');
});

test('privacy mode: used up keeps the error background; a forecast that runs out soon is said without its numbers', () => {
  const exhausted = glance(
    [
      { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot({ balance: 0 }) },
      { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: true, snapshot: signeasySnapshot() },
    ],
    { privacyMode: true },
  );
  assert.equal(exhausted.background, 'error');
  assert.equal(exhausted.text, '$(eye-closed) $(sync~spin) LP ••• $(circle-slash) · SE •••');
  assert.match(exhausted.tooltip, /\*\*Out of credits\*\*/);
  assert.match(exhausted.accessibilityLabel, /Leadping: used up, Signeasy$/);

  const snapshot = leadpingSnapshot();
  const soon = describeGlance({
    adapters,
    states: [{ accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }],
    settings: { ...settings, forecastWarningDays: 3, privacyMode: true },
    now: FIXED_NOW,
    locale: 'en-US',
    forecasts: {
      leadping: {
        counter: snapshot.counters[0] as CreditCounter,
        points: [],
        refills: [],
        forecast: { kind: 'runsOut', perDay: 600, source: 'localHistory', runsOutAt: FIXED_NOW + DAY_MS },
      },
    },
  });
  assert.equal(soon.background, 'warning');
  assert.equal(soon.text, '$(eye-closed) LP ••• $(arrow-down)');
  assert.match(soon.tooltip, /The forecast says the credits run out soon/);
  assert.doesNotMatch(soon.tooltip, /600|1,234/);
});

test('several accounts of one service: each shows, numbered; the tooltip names each by its label; privacy mode drops the labels', () => {
  const account = (accountKey: string, balance: number, more: Partial<AccountState> = {}): AccountState => ({
    accountKey,
    serviceId: 'leadping',
    signedIn: true,
    refreshing: false,
    snapshot: leadpingSnapshot({ balance }),
    ...more,
  });
  const states = [
    account('leadping', 18.75),
    account('leadping~7c', 3.2, { label: 'Client A' }),
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
  ];
  const view = glance(states);
  assert.equal(view.text, '$(credit-card) LP1 $18.75 · LP2 $3.20 $(arrow-down) · SE 1,760');
  assert.equal(view.background, 'warning', 'the low second account colours the item');
  assert.match(view.tooltip, /### Leadping · Client A — Dana Whitfield/);
  assert.match(view.accessibilityLabel, /Leadping · Client A Balance \$3\.20/);
  const hidden = glance(states, { privacyMode: true });
  assert.equal(hidden.text, '$(eye-closed) LP1 ••• · LP2 ••• $(arrow-down) · SE •••');
  assert.doesNotMatch(`${hidden.tooltip}\n${hidden.accessibilityLabel}`, /Client A/);
  assert.match(hidden.tooltip, /### Leadping 2/);
});

test('pinned accounts: while any is pinned, the item shows only those', () => {
  const states: AccountState[] = [
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot({ balance: 18.75 }) },
    {
      accountKey: 'leadping~7c',
      serviceId: 'leadping',
      pinned: true,
      signedIn: true,
      refreshing: false,
      snapshot: leadpingSnapshot({ balance: 3.2 }),
    },
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot(), pinned: true },
  ];
  assert.equal(glance(states).text, '$(credit-card) LP $3.20 $(arrow-down) · SE 1,760');
  const unpinned = states.map((state) => ({ ...state, pinned: false }));
  assert.equal(glance(unpinned).text, '$(credit-card) LP1 $18.75 · LP2 $3.20 $(arrow-down) · SE 1,760');
});
