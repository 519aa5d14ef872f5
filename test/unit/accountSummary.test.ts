// "Copy Summary": one account, or every one, as Markdown for the clipboard, in the person's locale.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HeadlineForecast } from '../../src/core/history/headlineForecast';
import type { AccountSnapshot, CreditCounter } from '../../src/core/model';
import type { AccountState } from '../../src/core/refresh/accountState';
import { summarizeAccounts } from '../../src/views/viewModels/accountSummary';
import { FIXED_NOW } from '../support/clock';
import { inertAdapter, leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

const DAY_MS = 86_400_000;
const leadping = inertAdapter('leadping', 'Leadping', 'LP');
const signeasy = inertAdapter('signeasy', 'Signeasy', 'SE');

/** Leadping low, with credits that expire, a problem and a forecast. */
function lowLeadping(): { snapshot: AccountSnapshot; forecast: HeadlineForecast } {
  const base = leadpingSnapshot({ balance: 3.2 });
  const expiring: CreditCounter = {
    id: 'nextExpiringCredits',
    label: 'Expiring next',
    value: 5,
    unit: { kind: 'money', currency: 'USD' },
    headline: false,
    expiresAt: FIXED_NOW + 5 * DAY_MS,
  };
  const snapshot: AccountSnapshot = {
    ...base,
    counters: [...base.counters, expiring],
    problems: [
      {
        id: 'belowRefillTrigger',
        severity: 'warning',
        params: { balance: { amount: 3.2, currency: 'USD' }, refillTrigger: { amount: 10, currency: 'USD' } },
      },
    ],
  };
  const forecast: HeadlineForecast = {
    counter: base.counters[0] as CreditCounter,
    points: [],
    refills: [],
    forecast: { kind: 'runsOut', perDay: 2.1, source: 'localHistory', runsOutAt: FIXED_NOW + 2 * DAY_MS },
  };
  return { snapshot, forecast };
}

const signedIn = (serviceId: string, snapshot: AccountSnapshot, more: Partial<AccountState> = {}): AccountState => ({
  accountKey: serviceId,
  serviceId,
  signedIn: true,
  refreshing: false,
  snapshot,
  ...more,
});

test('every account: who, plan, every counter, problems, forecast and when it was updated', () => {
  const { snapshot, forecast } = lowLeadping();
  const summary = summarizeAccounts(
    [
      { adapter: leadping, state: signedIn('leadping', snapshot), forecast },
      {
        adapter: signeasy,
        state: signedIn('signeasy', signeasySnapshot(), { fromCache: true, error: { kind: 'timeout', timeoutMs: 15_000 } }),
      },
    ],
    { now: FIXED_NOW, locale: 'en-US' },
  );
  // The times are the machine's time zone's: compare them by shape.
  assert.equal(
    summary.replace(/\(\w+ \d+, 2026, [^)]+\)/g, '(TIME)'),
    [
      '## Leadping',
      '',
      '- Name: Dana Whitfield',
      '- Email: dana@example\\.com',
      '- Plan: Monthly, Active',
      '- **Credits**',
      '  - Balance: $3.20',
      '  - Expiring next: $5.00 · expires Nov 27, 2026',
      '- **Problems**',
      '  - The balance \\(\\$3\\.20\\) is below the auto\\-refill trigger \\(\\$10\\.00\\), but auto\\-refill is off, so it will not be topped up\\.',
      '- Forecast for Balance: ≈ $2.10 a day · runs out in about 2 days (Nov 24)',
      '- Updated 1 minute ago (TIME)',
      '',
      '## Signeasy',
      '',
      '- Name: John Doe',
      '- Email: john@example\\.com',
      '- Plan: Basic',
      '- **Credits**',
      '  - Envelopes available: 1,760',
      '  - Envelopes used: 40',
      '  - Grace envelopes available: 180',
      '  - Grace envelopes used: 0',
      '- Updated 2 minutes ago (TIME), from the last session',
      '- Last refresh failed: Signeasy did not answer within 15 seconds\\.',
      '',
    ].join('\n'),
  );
});

test("amounts and dates follow the person's locale", () => {
  const { snapshot } = lowLeadping();
  const summary = summarizeAccounts(
    [
      { adapter: leadping, state: signedIn('leadping', snapshot) },
      { adapter: signeasy, state: signedIn('signeasy', signeasySnapshot()) },
    ],
    { now: FIXED_NOW, locale: 'de-DE' },
  );
  assert.match(summary, /- Balance: 3,20\s\$\n/);
  assert.match(summary, /- Expiring next: 5,00\s\$ · expires 27\.11\.2026\n/);
  assert.match(summary, /- Envelopes available: 1\.760\n/);
});

test('an account still loading, or signed out, says so; only what the service gave is listed', () => {
  const summary = summarizeAccounts(
    [
      { adapter: leadping, state: { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: true } },
      { adapter: signeasy, state: { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: false, refreshing: false } },
    ],
    { now: FIXED_NOW, locale: 'en-US' },
  );
  assert.equal(summary, '## Leadping\n\n- Loading…\n\n## Signeasy\n\n- Not signed in\n');
  const emailOnly = summarizeAccounts(
    [{ adapter: signeasy, state: signedIn('signeasy', signeasySnapshot({ identity: { email: 'john@example.com' }, plan: {} })) }],
    { now: FIXED_NOW, locale: 'en-US' },
  );
  assert.match(emailOnly, /^## Signeasy\n\n- Email: john@example\\\.com\n- \*\*Credits\*\*\n/);
});

test('a name with line breaks stays on its own line: it cannot add a heading or an item', () => {
  const snapshot = leadpingSnapshot({ identity: { displayName: 'Eve\n## Injected\n- Balance: $1,000,000' } });
  const summary = summarizeAccounts([{ adapter: leadping, state: signedIn('leadping', snapshot) }], { now: FIXED_NOW, locale: 'en-US' });
  // Escaped where Markdown would act: it reads "Eve ## Injected - Balance: $1,000,000" on one line.
  assert.match(summary, /^- Name: Eve \\#\\# Injected \\- Balance\\: \\\$1,000,000$/m);
  assert.deepEqual(
    summary.split('\n').filter((line) => line.startsWith('#')),
    ['## Leadping'],
  );
});
