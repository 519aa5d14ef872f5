// Localization, proven in plain Node: the checked-in bundle (l10n/bundle.l10n.json) holds every
// string src/ passes to l10n.t, and with a pseudo-localized bundle loaded nothing a person reads in
// the tree, the status bar or any error or problem is left in English. The in-host run with
// VS Code's pseudo language checks the vscode.l10n.t side. The shipped German bundle, loaded the same
// way, words a tree row, the status-bar glance, an alert and the history page in German, numbers
// and money formatted for de.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import type { BaseUrlProblem } from '../../src/core/http/baseUrl';
import type { TokenProblem } from '../../src/core/http/token';
import {
  PROBLEM_IDS,
  type AccountProblem,
  type AccountSnapshot,
  type KnownProblemId,
  type ServiceError,
  type ServiceErrorKind,
  type ServiceErrorReason,
} from '../../src/core/model';
import type { AccountState } from '../../src/core/refresh/accountState';
import { findActiveAlerts } from '../../src/core/alerts/alertCrossings';
import { samplesOf } from '../../src/core/history/creditHistory';
import { findRefills, forecastCounter } from '../../src/core/history/forecast';
import { leadpingAdapter } from '../../src/core/services/leadping';
import type { ServiceAdapter } from '../../src/core/services/serviceAdapter';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { serviceRow, serviceRowOrError, type Row } from '../../src/views/viewModels/accountRows';
import { describeGlance, undrawableGlance, type GlanceView } from '../../src/views/viewModels/statusBarView';
import {
  describeBaseUrlProblem,
  describeError,
  describeTokenProblem,
  errorTitle,
  formatWait,
} from '../../src/views/viewModels/errorWording';
import { formatYesNo } from '../../src/views/viewModels/format';
import { describeAlert } from '../../src/views/viewModels/alertWording';
import { renderHistoryChartHtml } from '../../src/views/viewModels/historyChart';
import { summarizeAccounts } from '../../src/views/viewModels/accountSummary';
import { statusMenu, type StatusMenuItem } from '../../src/views/viewModels/statusMenu';
import { counterLabel, describeProblem, detailListLabel, problemCount, problemPhrase } from '../../src/views/viewModels/snapshotWording';
import { FIXED_NOW } from '../support/clock';
import { leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';
import { signedInState } from '../support/accountState';
import { DAY_MS, historyOf, USD } from '../support/historyBuilder';
import { NBSP } from '../support/wording';

const root = join(__dirname, '..', '..');
const L10N_DEV = join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
const BUNDLE = 'bundle.l10n.json';

type Bundle = Record<string, string | { message: string; comment: string[] }>;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Bundle;
const l10nDev = (...args: string[]) => execFileSync(process.execPath, [L10N_DEV, ...args], { cwd: root, stdio: 'pipe' });

let workDir: string;
/** What `npm run l10n` would write now. */
let exported: Bundle;

before(() => {
  workDir = mkdtempSync(join(tmpdir(), 'account-glance-l10n-'));
  l10nDev('export', '--outDir', workDir, 'src');
  exported = readJson(join(workDir, BUNDLE));
});
after(() => {
  l10n.config({ contents: {} });
  rmSync(workDir, { recursive: true, force: true });
});

describe('the l10n bundle', () => {
  test('l10n/bundle.l10n.json is up to date with src/ (run `npm run l10n` after changing a string)', () => {
    const checkedIn = readJson(join(root, 'l10n', BUNDLE));
    const missing = Object.keys(exported).filter((key) => !(key in checkedIn));
    const stale = Object.keys(checkedIn).filter((key) => !(key in exported));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
    assert.deepEqual(checkedIn, exported);
  });

  test('it holds the strings every layer words: core sentences, the tree, the status bar, the commands', () => {
    for (const key of [
      'The {service} token was rejected or has expired (HTTP 401). Set a new token.',
      'No credit left ({balance}): paid actions such as messages and lookups cannot be paid for until credit is added.',
      'Not signed in',
      'Account Glance: {services}',
      'Remove the {service} API token?',
      'Show Account Glance Log',
    ]) {
      assert.ok(key in exported, key);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Everything the wording modules can say, one case per sentence. The Records make a new error
// kind, case, token or base-URL problem, or problem id a compile error here until it is covered.

const HOSTILE_DETAIL = 'Quota exceeded for this plan';

const GENERAL_ERRORS: Readonly<Record<ServiceErrorKind, ServiceError>> = {
  unauthorized: { kind: 'unauthorized' },
  notFound: { kind: 'notFound' },
  rateLimited: { kind: 'rateLimited' },
  server: { kind: 'server' },
  network: { kind: 'network' },
  timeout: { kind: 'timeout' },
  unexpected: { kind: 'unexpected' },
  invalidBaseUrl: { kind: 'invalidBaseUrl' },
  originChanged: { kind: 'originChanged' },
  secretStorage: { kind: 'secretStorage' },
  throttled: { kind: 'throttled' },
};

const ERRORS_BY_REASON: Readonly<Record<ServiceErrorReason, readonly ServiceError[]>> = {
  tokenRejected: [
    { kind: 'unauthorized', reason: 'tokenRejected', status: 401 },
    { kind: 'unauthorized', reason: 'tokenRejected', status: 401, hint: 'scopeMayBeMissing' },
  ],
  tokenForbidden: [
    { kind: 'unauthorized', reason: 'tokenForbidden', status: 403, path: '/users/me' },
    { kind: 'unauthorized', reason: 'tokenForbidden', status: 403 },
  ],
  tokenUnusable: [{ kind: 'unauthorized', reason: 'tokenUnusable', tokenProblem: { reason: 'tooShort', length: 7 } }],
  connectionRefused: [{ kind: 'network', reason: 'connectionRefused', host: 'api.leadping.ai', code: 'ECONNREFUSED' }],
  hostNotFound: [{ kind: 'network', reason: 'hostNotFound', host: 'api.leadping.ai', code: 'ENOTFOUND' }],
  connectionCut: [{ kind: 'network', reason: 'connectionCut', host: 'api.leadping.ai', code: 'ECONNRESET' }],
  unreachable: [
    { kind: 'network', reason: 'unreachable', host: 'api.leadping.ai', code: 'ETIMEDOUT' },
    { kind: 'network', reason: 'unreachable', host: 'api.leadping.ai' },
  ],
  tooLarge: [
    { kind: 'unexpected', reason: 'tooLarge', maxBytes: 1024 * 1024, status: 200 },
    { kind: 'unexpected', reason: 'tooLarge', maxBytes: 2000, status: 200 },
  ],
  webPage: [{ kind: 'unexpected', reason: 'webPage', status: 200 }],
  invalidJson: [{ kind: 'unexpected', reason: 'invalidJson', status: 200 }],
  emptyBody: [{ kind: 'unexpected', reason: 'emptyBody', status: 200 }],
  unexpectedShape: [{ kind: 'unexpected', reason: 'unexpectedShape', path: '/v3/me/' }],
  redirected: [
    { kind: 'unexpected', reason: 'redirected', path: '/v3/me/', status: 302, origin: 'https://elsewhere.example' },
    { kind: 'unexpected', reason: 'redirected', path: '/v3/me/', status: 302 },
  ],
  unexpectedStatus: [{ kind: 'unexpected', reason: 'unexpectedStatus', path: '/v3/me/', status: 418, detail: HOSTILE_DETAIL }],
  unreadable: [
    { kind: 'unexpected', reason: 'unreadable', detail: 'Cannot read properties of undefined' },
    { kind: 'unexpected', reason: 'unreadable' },
  ],
  refreshFailed: [{ kind: 'unexpected', reason: 'refreshFailed' }],
};

/** The kinds with no case of their own, each with every value its sentences use. */
const OTHER_ERRORS: readonly ServiceError[] = [
  { kind: 'notFound', path: '/users/me', status: 404, detail: HOSTILE_DETAIL },
  { kind: 'notFound', path: '/users/me', status: 404, detail: `${HOSTILE_DETAIL}.` },
  { kind: 'rateLimited', status: 429, retryAfterMs: 30_000, detail: HOSTILE_DETAIL },
  { kind: 'rateLimited', status: 429, retryAfterMs: 7 * 86_400_000 },
  { kind: 'rateLimited', status: 429, retryAfterMs: 60_000, hint: 'retryAfterAMinute' },
  { kind: 'server', status: 502, attempts: 3, detail: HOSTILE_DETAIL },
  { kind: 'server', status: 500, attempts: 1 },
  { kind: 'timeout', timeoutMs: 15_000 },
  { kind: 'originChanged', origin: 'https://proxy.example', tokenOrigin: 'https://api.leadping.ai' },
  { kind: 'originChanged', origin: 'https://proxy.example' },
  { kind: 'throttled', retryAfterMs: 40_000, requestsPerMinute: 20 },
  { kind: 'throttled', retryAfterMs: 40_000 },
];

const TOKEN_PROBLEMS: Readonly<Record<TokenProblem['reason'], readonly TokenProblem[]>> = {
  empty: [{ reason: 'empty' }],
  onlyBearer: [{ reason: 'onlyBearer' }],
  whitespace: [{ reason: 'whitespace' }],
  notHeaderSafe: [{ reason: 'notHeaderSafe' }],
  notUserAndSecret: [{ reason: 'notUserAndSecret' }],
  tooLong: [{ reason: 'tooLong', maxLength: 8192 }],
  tooShort: [
    { reason: 'tooShort', length: 1 },
    { reason: 'tooShort', length: 7 },
  ],
};

const BASE_URL_PROBLEMS: Readonly<Record<BaseUrlProblem['reason'], BaseUrlProblem>> = {
  empty: { reason: 'empty' },
  notUrl: { reason: 'notUrl' },
  hasCredentials: { reason: 'hasCredentials' },
  hasQueryOrFragment: { reason: 'hasQueryOrFragment' },
  notHttps: { reason: 'notHttps' },
  plainHttp: { reason: 'plainHttp', origin: 'http://api.leadping.ai' },
};

const money = (amount: number) => ({ amount, currency: 'USD' });
const PROBLEMS: Readonly<Record<KnownProblemId, readonly AccountProblem[]>> = {
  creditsExhausted: [
    { id: 'creditsExhausted', severity: 'error', params: { balance: money(0) } },
    { id: 'creditsExhausted', severity: 'error', params: { envelopesLeft: 0, graceEnvelopesLeft: 0 } },
    { id: 'creditsExhausted', severity: 'error' },
  ],
  belowRefillTrigger: [
    { id: 'belowRefillTrigger', severity: 'warning', params: { balance: money(3.2), refillTrigger: money(5) } },
    { id: 'belowRefillTrigger', severity: 'warning' },
  ],
  emailUnverified: [{ id: 'emailUnverified', severity: 'error' }],
  accountNotActivated: [{ id: 'accountNotActivated', severity: 'warning' }],
  graceCreditsInUse: [
    { id: 'graceCreditsInUse', severity: 'warning', params: { graceEnvelopesLeft: 150 } },
    { id: 'graceCreditsInUse', severity: 'warning', params: { graceEnvelopesLeft: 1 } },
    { id: 'graceCreditsInUse', severity: 'warning' },
  ],
  subscriptionOverdue: [{ id: 'subscriptionOverdue', severity: 'error' }],
  subscriptionCanceled: [{ id: 'subscriptionCanceled', severity: 'error' }],
  subscriptionPending: [{ id: 'subscriptionPending', severity: 'warning' }],
  subscriptionCancels: [
    { id: 'subscriptionCancels', severity: 'warning', params: { cancelsAt: FIXED_NOW + 20 * 86_400_000 } },
    { id: 'subscriptionCancels', severity: 'warning' },
  ],
};

const EVERY_ERROR: readonly ServiceError[] = [...Object.values(GENERAL_ERRORS), ...Object.values(ERRORS_BY_REASON).flat(), ...OTHER_ERRORS];
const EVERY_PROBLEM: readonly AccountProblem[] = Object.values(PROBLEMS).flat();

// ---------------------------------------------------------------------------------------------
// What a person sees, rendered through the pure view models.

/**
 * Japanese for the locale: what Intl writes (dates, relative times, waits, lists) is the
 * locale's own and comes with no ASCII letters, so any ASCII word left is ours or the data's.
 */
const LOCALE = 'ja';
const ADAPTERS: readonly ServiceAdapter[] = [leadpingAdapter, signeasyAdapter];
const CUSTOM_HOSTS = { leadping: 'leadping.internal.example', signeasy: 'signeasy.internal.example' };

/** Leadping's usage channels (UsageChannel in its OpenAPI): each is named in the person's language. */
const USAGE_CHANNELS = [
  'lead',
  'sms',
  'mms',
  'email',
  'voice',
  'phone_number',
  'warmup',
  'website',
  'openai',
  'domain',
  '10dlc',
  'payment',
  'connection',
  'automation',
];
/** A channel this release does not know: shown as the service named it, which is data. */
const UNKNOWN_CHANNEL = 'carrier_pigeon';

/** A Leadping snapshot with every row the tree can draw: phone, every plan field, expiring credits, both lists, the billing period. */
function fullLeadpingSnapshot(problems: readonly AccountProblem[]): AccountSnapshot {
  const snapshot = leadpingSnapshot();
  return {
    ...snapshot,
    identity: { ...snapshot.identity, phone: '+1 555 0100' },
    plan: {
      name: 'Monthly',
      subscriptionStatus: 'Active',
      paid: true,
      renewsAt: FIXED_NOW + 30 * 86_400_000,
      expiresAt: FIXED_NOW + 40 * 86_400_000,
      cancelsAt: FIXED_NOW + 20 * 86_400_000,
      autoRenew: true,
      autoRefill: { enabled: true, amount: 50, trigger: 10, currency: 'USD' },
    },
    counters: [
      ...snapshot.counters,
      {
        id: 'nextExpiringCredits',
        label: 'Expiring next',
        value: 1.2,
        unit: { kind: 'money', currency: 'USD' },
        headline: false,
        expiresAt: FIXED_NOW + 5 * 86_400_000,
      },
      { id: 'autoRefillAmount', label: 'Auto-refill amount', value: 50, unit: { kind: 'money', currency: 'USD' }, headline: false },
      { id: 'autoRefillTrigger', label: 'Auto-refill below', value: 10, unit: { kind: 'money', currency: 'USD' }, headline: false },
    ],
    problems,
    lists: [
      { id: 'identities', label: 'Sign-in identities', items: [{ label: 'google.com', description: 'federated · 1029384756' }] },
      {
        id: 'trustedFormCertificates',
        label: 'TrustedForm certificates',
        items: [{ label: 'https://cert.trustedform.com/abc123', description: 'web · 2026-03-12' }],
      },
    ],
    periodUsage: {
      periodStart: FIXED_NOW - 10 * 86_400_000,
      periodEnd: FIXED_NOW + 20 * 86_400_000,
      total: { amount: 41.5, currency: 'USD' },
      lines: [...USAGE_CHANNELS, UNKNOWN_CHANNEL].map((id, index) => ({ id, label: id, amount: index + 0.5, quantity: index * 100 })),
    },
  };
}

/** Every Signeasy counter, each under the label the builder gives (the tree must not show it: it names counters by id). */
function fullSigneasySnapshot(problems: readonly AccountProblem[]): AccountSnapshot {
  const snapshot = signeasySnapshot({ envelopes: 0, grace: 150 });
  const count = (id: string, value: number) => ({
    id,
    label: `stored label of ${id}`,
    value,
    unit: { kind: 'count' as const },
    headline: false,
  });
  return {
    ...snapshot,
    plan: { name: 'Plus', subscriptionStatus: 'active', paid: false, autoRenew: false, expiresAt: FIXED_NOW + 90 * 86_400_000 },
    counters: [...snapshot.counters, count('documentCredits', 12), count('signedFiles', 340), count('importedFiles', 51)],
    problems,
  };
}

function statesOf(serviceId: string, snapshot: AccountSnapshot): AccountState[] {
  const base = { accountKey: serviceId, serviceId, signedIn: true, refreshing: false } as const;
  return [
    { accountKey: serviceId, serviceId, signedIn: false, refreshing: false },
    { ...base, refreshing: true },
    { ...base, snapshot },
    { ...base, snapshot, refreshing: true },
    { ...base, snapshot, fromCache: true },
    ...EVERY_ERROR.flatMap((error): AccountState[] => [
      { ...base, error, failedAt: FIXED_NOW },
      { ...base, snapshot, error, failedAt: FIXED_NOW },
    ]),
  ];
}

function rowTexts(row: Row): string[] {
  return [row.label, row.description ?? '', row.tooltip ?? '', row.command?.title ?? '', ...(row.children ?? []).flatMap(rowTexts)];
}

const glanceTexts = (view: GlanceView) => [view.text, view.tooltip, view.accessibilityLabel];

function menuTexts(items: readonly StatusMenuItem[]): string[] {
  return items.flatMap((item) => [
    item.label,
    item.description ?? '',
    ...(item.kind === 'account' ? [item.placeHolder, ...menuTexts(item.actions)] : []),
  ]);
}

/** Every string the pure view models and wording modules hand to the screen, with the values that went into them. */
function everythingShown(): { texts: string[]; values: string[] } {
  const snapshots: Record<string, AccountSnapshot> = {
    leadping: fullLeadpingSnapshot(PROBLEMS.creditsExhausted.slice(0, 1).concat(PROBLEMS.subscriptionCancels.slice(0, 1))),
    signeasy: fullSigneasySnapshot([...PROBLEMS.graceCreditsInUse.slice(0, 1), ...PROBLEMS.emailUnverified]),
  };
  const texts: string[] = [];
  for (const adapter of ADAPTERS) {
    const snapshot = snapshots[adapter.id] as AccountSnapshot;
    for (const state of statesOf(adapter.id, snapshot)) {
      for (const customHosts of [{}, CUSTOM_HOSTS]) {
        texts.push(...rowTexts(serviceRow(adapter, state, { now: FIXED_NOW, locale: LOCALE, customHosts })));
      }
    }
    // A row that could not be built, and one with every problem this release words.
    const broken = {
      serviceId: adapter.id,
      signedIn: true,
      refreshing: false,
      snapshot: { ...snapshot, problems: null },
    } as unknown as AccountState;
    texts.push(...rowTexts(serviceRowOrError(adapter, broken, { now: FIXED_NOW, locale: LOCALE })));
    const allProblems = {
      accountKey: adapter.id,
      serviceId: adapter.id,
      signedIn: true,
      refreshing: false,
      snapshot: { ...snapshot, problems: EVERY_PROBLEM },
    };
    texts.push(...rowTexts(serviceRow(adapter, allProblems, { now: FIXED_NOW, locale: LOCALE })));
  }
  const glance = (states: AccountState[], lowCredit = { leadping: 5, signeasy: 20 }, privacyMode = false) =>
    glanceTexts(
      describeGlance({
        adapters: ADAPTERS,
        states,
        settings: { enabled: true, services: ['leadping', 'signeasy'], counters: {}, lowCredit, privacyMode },
        now: FIXED_NOW,
        locale: LOCALE,
        customHosts: CUSTOM_HOSTS,
      }),
    );
  const leadpingStates = statesOf('leadping', snapshots.leadping as AccountSnapshot);
  const signeasyStates = statesOf('signeasy', snapshots.signeasy as AccountSnapshot);
  // Both services side by side, in the same state each: on the status bar (privacy mode on and off),
  // in its menu and in a copied summary.
  leadpingStates.forEach((state, index) => {
    const states = [state, signeasyStates[index] ?? state];
    texts.push(...glance(states), ...glance(states, undefined, true));
    for (const privacyMode of [false, true]) {
      const menu = statusMenu({ adapters: ADAPTERS, states, privacyMode, locale: LOCALE });
      texts.push(menu.placeHolder, ...menuTexts(menu.items));
    }
    const summaryAccounts = ADAPTERS.map((adapter, at) => ({ adapter, state: states[at] as AccountState }));
    texts.push(summarizeAccounts(summaryAccounts, { now: FIXED_NOW, locale: LOCALE }));
  });
  // Below a person's threshold.
  const fresh = (serviceId: string, snapshot: AccountSnapshot): AccountState => signedInState(serviceId, { snapshot });
  texts.push(...glance([fresh('leadping', leadpingSnapshot()), fresh('signeasy', signeasySnapshot())], { leadping: 1e6, signeasy: 1e6 }));
  texts.push(
    ...glance([fresh('leadping', leadpingSnapshot({ balance: 0 })), fresh('signeasy', signeasySnapshot({ envelopes: 0, grace: 0 }))]),
  );
  texts.push(...glanceTexts(undrawableGlance()));

  for (const error of EVERY_ERROR) texts.push(describeError(error, 'Leadping', LOCALE), errorTitle(error.kind));
  for (const problem of Object.values(TOKEN_PROBLEMS).flat()) texts.push(describeTokenProblem(problem, LOCALE));
  for (const problem of Object.values(BASE_URL_PROBLEMS)) texts.push(describeBaseUrlProblem(problem));
  for (const problem of EVERY_PROBLEM) texts.push(describeProblem(problem, { serviceName: 'Signeasy', locale: LOCALE }));
  for (const id of Object.values(PROBLEM_IDS)) texts.push(problemPhrase(id) ?? `no phrase for ${id}`);
  texts.push(problemCount(1, LOCALE), problemCount(3, LOCALE), formatYesNo(true), formatYesNo(false), formatWait(30_000, LOCALE) ?? '');
  for (const snapshot of Object.values(snapshots)) {
    for (const counter of snapshot.counters) texts.push(counterLabel(counter));
    for (const list of snapshot.lists) texts.push(detailListLabel(list));
  }

  // Not translated, rightly: product and service names, what the data holds, and the service's own words.
  const data = [...Object.values(snapshots), leadpingSnapshot(), signeasySnapshot()].flatMap((snapshot) => [
    ...Object.values(snapshot.identity).filter((value): value is string => typeof value === 'string'),
    snapshot.plan.name ?? '',
    snapshot.plan.subscriptionStatus ?? '',
    ...snapshot.lists.flatMap((list) => list.items.flatMap((item) => [item.label, item.description ?? ''])),
  ]);
  const errorValues = EVERY_ERROR.flatMap((error) => [error.detail, error.host, error.code, error.path, error.origin, error.tokenOrigin]);
  const values = [
    'Account Glance',
    ...ADAPTERS.flatMap((adapter) => [adapter.displayName, adapter.shortMark, new URL(adapter.defaultBaseUrl).host]),
    ...Object.values(CUSTOM_HOSTS),
    UNKNOWN_CHANNEL,
    ...data,
    ...errorValues,
    'http://api.leadping.ai',
  ].filter((value): value is string => typeof value === 'string' && value !== '');
  return { texts, values };
}

/** Reads a text as a person would: Markdown escapes undone, icons and link targets (not shown) left out. */
function visibleWords(text: string): string {
  return text
    .replace(/\\(.)/g, '$1')
    .replace(/\$\([a-z~-]+\)/g, ' ')
    .replace(/\]\(command:[\w.]+/g, '] ');
}

/** The ASCII words (two letters or more) left once every legitimate value is taken out: English that was not translated. */
function untranslated(text: string, values: readonly string[]): string[] {
  let rest = visibleWords(text);
  // Longest first, so "Dana Whitfield" goes before a shorter value inside it.
  for (const value of [...values].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

describe('pseudo-localization: no English is left', () => {
  let pseudo: Bundle;
  before(() => {
    copyFileSync(join(workDir, BUNDLE), join(workDir, 'pseudo-source.l10n.json'));
    l10nDev('generate-pseudo', join(workDir, 'pseudo-source.l10n.json'));
    pseudo = readJson(join(workDir, 'pseudo-source.l10n.qps-ploc.json'));
    l10n.config({ contents: pseudo });
  });

  test('the pseudo bundle has every string, with no ASCII letter outside its placeholders (the premise of the check below)', () => {
    assert.deepEqual(Object.keys(pseudo).sort(), Object.keys(exported).sort());
    for (const [key, message] of Object.entries(pseudo)) {
      const text = typeof message === 'string' ? message : message.message;
      assert.doesNotMatch(text.replace(/\{[^}]+\}/g, ''), /[A-Za-z]/, key);
    }
  });

  test('tree rows, the status-bar glance, every error kind and case, every token and base-URL problem, every problem id', () => {
    const { texts, values } = everythingShown();
    assert.ok(texts.length > 1000, `only ${texts.length} texts`);
    const offenders = texts
      .map((text) => ({ text, words: untranslated(text, values) }))
      .filter(({ words }) => words.length > 0)
      .map(({ text, words }) => `${words.join(' ')}  ←  ${text}`);
    assert.deepEqual([...new Set(offenders)], []);
  });

  test('the check catches English: a sentence left untranslated is found', () => {
    assert.deepEqual(untranslated('Ħḗŀŀǿ Dana Whitfield · not signed in', ['Dana Whitfield']), ['not', 'signed', 'in']);
    assert.deepEqual(untranslated('$(warning) [Ŗḗƒřḗşħ](command:accountGlance.refresh "Ŗḗƒřḗşħ")', []), []);
  });
});

describe('problem texts follow the locale like the counters', () => {
  before(() => l10n.config({ contents: {} }));

  test('money and dates in a problem are formatted for the person, not always en-US', () => {
    const below = PROBLEMS.belowRefillTrigger[0] as AccountProblem;
    assert.match(describeProblem(below, { serviceName: 'Leadping', locale: 'de-DE' }), /\(3,20\s\$\).*\(5,00\s\$\)/);
    assert.match(describeProblem(below, { serviceName: 'Leadping', locale: 'en-US' }), /\(\$3\.20\).*\(\$5\.00\)/);
    const cancels = PROBLEMS.subscriptionCancels[0] as AccountProblem;
    assert.equal(describeProblem(cancels, { serviceName: 'Leadping', locale: 'en-US' }), 'Subscription cancels on Dec 12, 2026.');
    assert.equal(describeProblem(cancels, { serviceName: 'Leadping', locale: 'de-DE' }), 'Subscription cancels on 12.12.2026.');
  });
});

describe('German from the shipped bundle, loaded through @vscode/l10n in plain Node', () => {
  const GERMAN = 'de';
  before(() => l10n.config({ fsPath: join(root, 'l10n', 'bundle.l10n.de.json') }));
  after(() => l10n.config({ contents: {} }));

  const leadping = signedInState('leadping', { snapshot: leadpingSnapshot({ balance: 1234.5 }) });
  const signeasy = signedInState('signeasy', { snapshot: signeasySnapshot({ envelopes: 3 }) });

  test('a tree row: its sections and when it was refreshed', () => {
    const row = serviceRow(leadpingAdapter, leadping, { now: FIXED_NOW, locale: GERMAN });
    assert.deepEqual(
      row.children?.map((child) => child.label),
      ['Profil', 'Tarif', 'Credits'],
    );
    assert.match(row.tooltip ?? '', /Aktualisiert vor 1 Minute \(22\\\.11\\\.2026, 11\\:59\)/);
  });

  test('the status bar: German number and money formatting, and the tooltip in German', () => {
    const glance = describeGlance({
      adapters: ADAPTERS,
      states: [leadping, signeasy],
      settings: {
        enabled: true,
        services: ['leadping', 'signeasy'],
        counters: {},
        lowCredit: { leadping: 5, signeasy: 20 },
        privacyMode: false,
      },
      now: FIXED_NOW,
      locale: GERMAN,
    });
    assert.equal(glance.text, `$(credit-card) LP 1.234,50${NBSP}$ · SE 3 $(arrow-down)`);
    assert.match(glance.tooltip, /\| Zähler \| Wert \|/);
    assert.match(glance.tooltip, /\| Guthaben \| 1\\\.234,50\u00a0\\\$ \|/);
    assert.match(glance.tooltip, /Die Credits liegen unter Ihrem Schwellenwert von 20/);
    assert.match(glance.tooltip, /\[\$\(refresh\) Aktualisieren\]\(command:accountGlance\.refresh "Alle Dienste aktualisieren"\)/);
  });

  test('an alert sentence', () => {
    const alert = findActiveAlerts(leadpingSnapshot({ balance: 3.2 }), {
      lowCreditThreshold: 5,
      expiringWithinDays: 10,
      now: FIXED_NOW,
    }).find(({ kind }) => kind === 'lowCredit');
    assert.ok(alert);
    assert.equal(
      describeAlert(alert, { serviceName: 'Leadping', locale: GERMAN }),
      `Das Leadping-Guthaben ist knapp: noch 3,20${NBSP}$ (Ihr Schwellenwert ist 5,00${NBSP}$).`,
    );
  });

  test('the history page: title, heading, forecast and the table’s summary with its plural', () => {
    const samples: [number, number][] = [];
    for (let daysAgo = 39; daysAgo >= 0; daysAgo--) samples.push([FIXED_NOW - daysAgo * DAY_MS, 1500 - 20 * (40 - daysAgo)]);
    const points = samplesOf(historyOf(samples), 'balance');
    const html = renderHistoryChartHtml({
      accounts: [
        {
          serviceName: 'Leadping',
          accountName: 'Dana',
          counter: { label: counterLabel({ id: 'balance', label: 'Balance', value: 0, unit: USD, headline: true }), unit: USD },
          points,
          refills: findRefills(points),
          forecast: forecastCounter({ points, now: FIXED_NOW }),
          now: FIXED_NOW,
        },
      ],
      rangeDays: 30,
      cspSource: 'vscode-webview-test-source',
      nonce: 'bm9uY2U',
      styleUri: 'style.css',
      scriptUri: 'script.js',
      locale: GERMAN,
      timeZone: 'UTC',
    });
    assert.match(html, /<title>Credit-Verlauf<\/title>/);
    assert.match(html, /<h1>Credit-Verlauf<\/h1>/);
    assert.match(html, /<h2 id="account-0">Leadping – Dana: Guthaben<\/h2>/);
    assert.match(html, /≈ 20,00\u00a0\$ pro Tag · reicht noch etwa 35 Tage \(27\. Dez\.\)/);
    assert.match(html, /<summary>Werte als Tabelle \(31 Zeilen\)<\/summary>/);
    assert.equal(problemCount(1, GERMAN), '1 Problem');
  });
});
