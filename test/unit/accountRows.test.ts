import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountState } from '../../src/core/refresh/accountState';
import type { AccountSnapshot, PeriodUsage } from '../../src/core/model';
import { buildLeadpingSnapshot } from '../../src/core/services/leadping';
import { buildSigneasySnapshot } from '../../src/core/services/signeasy';
import { serviceRow, type Row, type RowIcon } from '../../src/views/viewModels/accountRows';
import { leadpingOrganization, leadpingSeedUser, leadpingUser, leadpingWallet, signeasyUser } from '../fake-server';
import { FIXED_NOW } from '../support/clock';
import { leadpingSnapshot, signeasySnapshot, inertAdapter } from '../support/snapshotBuilder';
import { signedInState } from '../support/accountState';

const leadping = inertAdapter('leadping', 'Leadping', 'LP');
const context = { now: FIXED_NOW, locale: 'en-US' };

/** `row` and every row below it, depth first. */
function allRows(row: Row): Row[] {
  return [row, ...(row.children ?? []).flatMap(allRows)];
}

/** Every row below `row`, flattened, as "label: description". */
function flatten(row: Row): string[] {
  return allRows(row).map((each) => `${each.label}: ${each.description ?? ''}`);
}

/** No two rows in the tree share an id (the tree keeps expansion state by id). */
function assertUniqueIds(row: Row): void {
  const ids = allRows(row).map((each) => each.id);
  assert.deepEqual(
    ids.filter((id, index) => ids.indexOf(id) !== index),
    [],
    'ids used more than once',
  );
}

test('signed out: one "Set API token…" row that runs the command for this service', () => {
  const row = serviceRow(leadping, { accountKey: 'leadping', serviceId: 'leadping', signedIn: false, refreshing: false }, context);
  assert.equal(row.description, 'Not signed in');
  assert.equal(row.contextValue, 'service.signedOut');
  assert.equal(row.children?.length, 1);
  assert.deepEqual(row.children?.[0]?.command, { command: 'accountGlance.setToken', title: 'Set API Token...', arguments: ['leadping'] });
});

test('fresh: Profile, Plan and Credits with formatted values, never undefined/null/NaN', () => {
  const row = serviceRow(
    leadping,
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
    context,
  );
  assert.equal(row.description, 'Dana Whitfield');
  assert.equal(row.icon?.id, 'pass');
  assert.deepEqual(
    row.children?.map((child) => child.label),
    ['Profile', 'Plan', 'Credits'],
  );
  const text = flatten(row);
  assert.ok(text.includes('Balance: $1,234.50'));
  assert.ok(text.includes('Organization: Whitfield Realty'));
  assert.ok(text.includes('Auto-refill: Off'));
  assert.ok(text.includes('Phone: ') === false, 'no phone row when the service gave none');
  assert.ok(text.includes('User ID: usr_1'));
  for (const line of text) assert.doesNotMatch(line, /undefined|null|NaN/);
});

test('missing values read as a dash', () => {
  const snapshot = {
    ...leadpingSnapshot(),
    identity: { email: 'dana@example.com' },
    plan: { name: 'Growth' },
    counters: [{ id: 'balance', label: 'Balance', value: undefined, unit: { kind: 'money' as const, currency: 'USD' }, headline: true }],
  };
  const text = flatten(
    serviceRow(leadping, { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }, context),
  );
  assert.ok(text.includes('Name: —'));
  assert.ok(text.includes('Subscription: —'));
  assert.ok(text.includes('Balance: —'));
  assert.ok(text.includes('Member since: —'));
});

test('a service that says nothing of its holder or plan gets no Profile or Plan section of dashes', () => {
  const snapshot = { ...leadpingSnapshot(), identity: {}, plan: {} };
  const row = serviceRow(leadping, { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }, context);
  assert.deepEqual(
    row.children?.map((child) => child.label),
    ['Credits'],
  );
  const planOnly = serviceRow(
    leadping,
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: { ...snapshot, plan: { paid: true } } },
    context,
  );
  assert.deepEqual(
    planOnly.children?.map((child) => child.label),
    ['Plan', 'Credits'],
  );
});

test('dates read relative, with the exact date in the tooltip', () => {
  const snapshot = leadpingSnapshot({ plan: { cancelsAt: FIXED_NOW + 12 * 86_400_000 } });
  const row = serviceRow(leadping, { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot }, context);
  const cancels = row.children?.find((child) => child.label === 'Plan')?.children?.find((child) => child.label === 'Cancels');
  assert.equal(cancels?.description, 'in 12 days');
  assert.match(cancels?.tooltip ?? '', /Dec 4, 2026/);
});

test('stale: last good data stays, with when and why', () => {
  const state: AccountState = {
    accountKey: 'leadping',
    serviceId: 'leadping',
    signedIn: true,
    refreshing: false,
    snapshot: leadpingSnapshot(),
    error: { kind: 'network', reason: 'unreachable', host: 'api.leadping.ai' },
    failedAt: FIXED_NOW,
  };
  const row = serviceRow(leadping, state, context);
  assert.equal(row.icon?.id, 'history');
  assert.equal(row.description, 'Dana Whitfield (stale)');
  const first = row.children?.[0];
  assert.equal(first?.label, 'Connection failed');
  assert.equal(
    first?.description,
    'Could not reach Leadping at api.leadping.ai. Check your network connection or proxy. · data from 1 minute ago',
  );
  assert.equal(first?.command?.command, 'accountGlance.showLog');
  assert.ok(flatten(row).includes('Balance: $1,234.50'));
});

test('error with no data: the sentence and an action fitting the error', () => {
  const rejected = serviceRow(
    leadping,
    {
      accountKey: 'leadping',
      serviceId: 'leadping',
      signedIn: true,
      refreshing: false,
      error: { kind: 'unauthorized', reason: 'tokenRejected', status: 401 },
    },
    context,
  );
  assert.equal(rejected.icon?.id, 'error');
  assert.equal(rejected.children?.length, 1);
  assert.equal(rejected.children?.[0]?.label, 'Token rejected');
  assert.equal(rejected.children?.[0]?.description, 'The Leadping token was rejected or has expired (HTTP 401). Set a new token.');
  assert.match(rejected.children?.[0]?.tooltip ?? '', /Click to set a new token\.$/);
  assert.deepEqual(rejected.children?.[0]?.command, {
    command: 'accountGlance.setToken',
    title: 'Set a new token',
    arguments: ['leadping'],
  });
  const badUrl = serviceRow(
    leadping,
    {
      accountKey: 'leadping',
      serviceId: 'leadping',
      signedIn: true,
      refreshing: false,
      error: { kind: 'invalidBaseUrl', baseUrlProblem: { reason: 'notHttps' } },
    },
    context,
  );
  assert.equal(badUrl.children?.[0]?.command?.command, 'workbench.action.openSettings');
  assert.equal(badUrl.children?.[0]?.description, 'Leadping: The base URL must start with https://.');
});

test('loading with no data yet spins', () => {
  const row = serviceRow(leadping, { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: true }, context);
  assert.equal(row.icon?.id, 'sync~spin');
  assert.equal(row.children?.[0]?.label, 'Loading…');
});

test('problems get their own section; long lists collapse under their own node', () => {
  const snapshot = signeasySnapshot({
    envelopes: 0,
    grace: 0,
    lists: [{ id: 'identities', label: 'Identities', items: [{ label: 'google', description: 'federated' }] }],
  });
  const row = serviceRow(
    { ...leadping, id: 'signeasy', displayName: 'Signeasy' },
    { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot },
    context,
  );
  const problems = row.children?.find((child) => child.label === 'Problems');
  assert.equal(problems?.children?.[0]?.icon?.id, 'error');
  // A list this release knows is named by its id, in the person's language, not by its stored label.
  const list = row.children?.find((child) => child.label === 'Sign-in identities');
  assert.equal(list?.expanded, false);
  assert.equal(list?.description, '1');
});

test('row ids are unique, so the tree keeps expansion state', () => {
  const row = serviceRow(
    leadping,
    { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() },
    context,
  );
  assertUniqueIds(row);
});

// ---------------------------------------------------------------------------------------------
// This billing period: what it has cost so far, inside Credits.

const DAY_MS = 86_400_000;
/** Out of order, with one channel this release does not know. */
const PERIOD_USAGE: PeriodUsage = {
  periodStart: FIXED_NOW - 10 * DAY_MS,
  periodEnd: FIXED_NOW + 20 * DAY_MS,
  total: { amount: 41.5, currency: 'USD' },
  lines: [
    { id: 'voice', label: 'voice', amount: 4.25, quantity: 85 },
    { id: 'carrier_pigeon', label: 'carrier_pigeon', amount: 0.25 },
    { id: 'sms', label: 'sms', amount: 36, quantity: 1200 },
    { id: 'email', label: 'email', amount: 1, quantity: 500 },
  ],
};

/** The "This billing period" row under Credits, if any, for `usage` shown in `locale`. */
function periodRow(usage: PeriodUsage | undefined, locale: string): Row | undefined {
  const snapshot = leadpingSnapshot(usage === undefined ? {} : { periodUsage: usage });
  const row = serviceRow(leadping, fresh('leadping', snapshot), { ...context, locale });
  const credits = row.children?.find((child) => child.id === 'leadping/credits');
  return credits?.children?.find((child) => child.id === 'leadping/periodUsage');
}

/** Markdown escapes undone: the tooltip as a person reads it. */
const unescaped = (markdown: string | undefined) => (markdown ?? '').replace(/\\(.)/g, '$1');

for (const { locale, total, lines, dates, quantity } of [
  {
    locale: 'en-US',
    total: /^\$41\.50$/,
    lines: [/^SMS: \$36\.00$/, /^Voice: \$4\.25$/, /^Email: \$1\.00$/, /^carrier_pigeon: \$0\.25$/],
    dates: /Billing period: Nov 12\s–\sDec 12, 2026/,
    quantity: 'Quantity: 1,200',
  },
  {
    locale: 'de-DE',
    total: /^41,50\s\$$/,
    lines: [/^SMS: 36,00\s\$$/, /^Voice: 4,25\s\$$/, /^Email: 1,00\s\$$/, /^carrier_pigeon: 0,25\s\$$/],
    dates: /Billing period: 12\.11\.\s–\s12\.12\.2026/,
    quantity: 'Quantity: 1.200',
  },
]) {
  test(`this billing period (${locale}): the total inside Credits, closed; a row per channel, biggest first, known channels named`, () => {
    const row = periodRow(PERIOD_USAGE, locale) ?? assert.fail('no billing period row');
    assert.equal(row.label, 'This billing period');
    assert.match(row.description ?? '', total);
    assert.equal(row.copyText, row.description);
    assert.equal(row.expanded, false);
    assert.equal(row.icon?.id, 'calendar');
    const tooltip = unescaped(row.tooltip);
    assert.ok(tooltip.startsWith(`Spent so far this billing period: ${row.description}`), tooltip);
    assert.match(tooltip, dates);
    const channels = row.children ?? [];
    assert.equal(channels.length, lines.length);
    channels.forEach((channel, index) => assert.match(`${channel.label}: ${channel.description}`, lines[index] ?? /^$/));
    assert.ok(unescaped(channels[0]?.tooltip).includes(quantity), channels[0]?.tooltip);
    assert.ok(!unescaped(channels[3]?.tooltip).includes('Quantity'), 'no quantity where the service gave none');
  });
}

test('this billing period: after the counters, before the forecast; row ids stay unique', () => {
  const snapshot = leadpingSnapshot({ periodUsage: PERIOD_USAGE });
  const forecast = { counter: snapshot.counters[0]!, points: [], refills: [], forecast: { kind: 'notEnoughHistory' as const } };
  const row = serviceRow(leadping, fresh('leadping', snapshot), { ...context, forecasts: { leadping: forecast } });
  const credits = row.children?.find((child) => child.id === 'leadping/credits');
  assert.deepEqual(
    credits?.children?.map((child) => child.label),
    ['Balance', 'This billing period', 'Forecast'],
  );
  assertUniqueIds(row);
});

test('this billing period: an empty one is $0.00 with nothing under it; a start without an end says since when', () => {
  const empty = periodRow({ periodStart: FIXED_NOW - 10 * DAY_MS, total: { amount: 0, currency: 'USD' }, lines: [] }, 'en-US');
  assert.equal(empty?.description, '$0.00');
  assert.deepEqual(empty?.children, []);
  assert.match(unescaped(empty?.tooltip), /Billing period since Nov 12, 2026$/);
  const undated = periodRow({ total: { amount: 2, currency: 'EUR' }, lines: [] }, 'en-US');
  assert.equal(undated?.description, '€2.00');
  assert.equal(unescaped(undated?.tooltip), 'Spent so far this billing period: €2.00');
});

test('this billing period: no row at all when the snapshot has none (not available for the key, or cached before it existed)', () => {
  assert.equal(periodRow(undefined, 'en-US'), undefined);
  const row = serviceRow(leadping, fresh('leadping', leadpingSnapshot()), context);
  assert.ok(!flatten(row).some((line) => line.startsWith('This billing period')));
});

test('text a service wrote is escaped in every Markdown tooltip: no link, image or emphasis can be injected', () => {
  const hostile = '[click me](command:workbench.action.terminal.new) ![x](https://evil.example/x.png) **loud** <img src=x>';
  const snapshot = leadpingSnapshot({
    identity: { displayName: hostile, email: hostile, organization: hostile, id: hostile },
    // An id this release does not know: its stored sentence is shown as it is (escaped).
    problems: [{ id: 'somethingNew', severity: 'error', message: hostile }],
    lists: [
      {
        id: 'trustedFormCertificates',
        label: 'TrustedForm certificates',
        items: [{ label: `https://cert.example/${hostile}`, description: hostile }],
      },
    ],
  });
  const error = { kind: 'server' as const, status: 500, detail: hostile };
  const state: AccountState = { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot, error };
  const tooltips = allRows(serviceRow(leadping, state, { ...context, customHosts: { leadping: 'evil](command:x)' } })).flatMap((row) =>
    row.tooltip ? [row.tooltip] : [],
  );
  assert.ok(tooltips.length > 10);
  for (const tooltip of tooltips) {
    // Unescaped, any of these would render as a link, an image, emphasis or HTML.
    assert.doesNotMatch(tooltip, /(^|[^\\])\]\(/, tooltip);
    assert.doesNotMatch(tooltip, /(^|[^\\])!\[/, tooltip);
    assert.doesNotMatch(tooltip, /(^|[^\\])\*\*loud/, tooltip);
    assert.doesNotMatch(tooltip, /(^|[^\\])<img/, tooltip);
  }
});

// ---------------------------------------------------------------------------------------------
// Trouble at a glance: the node never shows the green "ok" while the service reports a problem,
// and the problems come first under it. Snapshots come from the adapters' own builders fed the
// fake server's scenario bodies, so the problem ids and severities are the ones users get.

const signeasy = inertAdapter('signeasy', 'Signeasy', 'SE');
const RED = { id: 'error', color: 'list.errorForeground' };
const YELLOW = { id: 'warning', color: 'list.warningForeground' };
const GREEN = { id: 'pass', color: 'testing.iconPassed' };
const STALE = { id: 'history', color: 'list.warningForeground' };

const fresh = (serviceId: string, snapshot: AccountSnapshot): AccountState => signedInState(serviceId, { snapshot });
const ines = { first_name: 'Ines', last_name: 'Salgado', email: 'ines@example.com' };

/** The labels under the node, in order. */
const childLabels = (row: Row) => (row.children ?? []).map((child) => child.label);

/** Problems is present and comes before Profile, Plan and Credits. */
function assertProblemsFirst(row: Row): void {
  const labels = childLabels(row);
  const problems = labels.indexOf('Problems');
  assert.ok(problems >= 0, labels.join(', '));
  for (const later of ['Profile', 'Plan', 'Credits'])
    assert.ok(problems < labels.indexOf(later), `Problems before ${later}: ${labels.join(', ')}`);
}

const scenarios: { name: string; row: () => Row; icon: RowIcon; description: string; problemIds: string[] }[] = [
  {
    name: 'Signeasy exhausted (no envelope and no grace credits)',
    row: () =>
      serviceRow(
        signeasy,
        fresh(
          'signeasy',
          buildSigneasySnapshot(
            signeasyUser({
              ...ines,
              envelope_credits_available: 0,
              envelope_credits_consumed: 1800,
              grace_envelope_credits_available: 0,
              grace_envelope_credits_consumed: 180,
            }),
            FIXED_NOW,
          ),
        ),
        context,
      ),
    icon: RED,
    description: 'Ines Salgado · no credits left',
    problemIds: ['creditsExhausted'],
  },
  {
    name: 'Signeasy with an unverified email',
    row: () =>
      serviceRow(
        signeasy,
        fresh('signeasy', buildSigneasySnapshot(signeasyUser({ ...ines, email_verified: 0, activation_time: null }), FIXED_NOW)),
        context,
      ),
    icon: RED,
    description: 'Ines Salgado · email not verified',
    problemIds: ['emailUnverified'],
  },
  {
    name: 'Leadping below the auto-refill trigger with auto-refill off',
    row: () =>
      serviceRow(
        leadping,
        fresh(
          'leadping',
          buildLeadpingSnapshot(
            leadpingUser(),
            leadpingWallet({ balance: 3.2 }),
            leadpingOrganization({ accountBalance: 3.2, autoRefillEnabled: false, autoRefillTrigger: 5 }),
            FIXED_NOW,
          ),
        ),
        context,
      ),
    icon: YELLOW,
    description: 'Jordan Avery · low balance, auto-refill off',
    problemIds: ['belowRefillTrigger'],
  },
  {
    name: 'Leadping overdue',
    row: () =>
      serviceRow(
        leadping,
        fresh(
          'leadping',
          buildLeadpingSnapshot(leadpingSeedUser({ subscriptionStatus: 'Overdue', accountBalance: 1.1 }), undefined, undefined, FIXED_NOW),
        ),
        context,
      ),
    icon: RED,
    description: 'Jordan Avery · payment overdue',
    problemIds: ['subscriptionOverdue'],
  },
];

for (const scenario of scenarios) {
  test(`trouble at a glance: ${scenario.name}: the node carries the worst problem, and problems come first`, () => {
    const row = scenario.row();
    assert.deepEqual(row.icon, scenario.icon);
    assert.notEqual(row.icon?.id, 'pass');
    assert.equal(row.description, scenario.description);
    assertProblemsFirst(row);
    const problems = row.children?.find((child) => child.label === 'Problems');
    assert.deepEqual(
      problems?.children?.map((child) => child.id),
      scenario.problemIds.map((id) => `${row.id}/problems/${id}`),
    );
    assert.equal(problems?.expanded, true, 'open, so the sentences show');
  });
}

test('trouble at a glance: a normal account keeps the green icon, its name alone, and no Problems section', () => {
  const lp = serviceRow(
    leadping,
    fresh('leadping', buildLeadpingSnapshot(leadpingUser(), leadpingWallet(), leadpingOrganization(), FIXED_NOW)),
    context,
  );
  const se = serviceRow(signeasy, fresh('signeasy', buildSigneasySnapshot(signeasyUser(), FIXED_NOW)), context);
  assert.deepEqual(lp.icon, GREEN);
  assert.deepEqual(se.icon, GREEN);
  assert.equal(lp.description, 'Jordan Avery');
  assert.equal(se.description, 'John Doe');
  assert.deepEqual(childLabels(lp).slice(0, 3), ['Profile', 'Plan', 'Credits']);
  assert.deepEqual(childLabels(se).slice(0, 3), ['Profile', 'Plan', 'Credits']);
});

test('trouble at a glance: the worst problem wins the node, whatever order the service listed them in', () => {
  // Pending (warning) comes before the exhausted balance (error) in the adapter's list.
  const snapshot = buildLeadpingSnapshot(
    leadpingSeedUser({ subscriptionStatus: 'Pending', accountBalance: 0 }),
    undefined,
    undefined,
    FIXED_NOW,
  );
  assert.deepEqual(
    snapshot.problems.map((problem) => problem.id),
    ['subscriptionPending', 'creditsExhausted'],
  );
  const row = serviceRow(leadping, fresh('leadping', snapshot), context);
  assert.deepEqual(row.icon, RED);
  assert.equal(row.description, 'Jordan Avery · no credits left');
});

test('trouble at a glance: stale data with an error problem: red icon, and the description still says stale, after a failed refresh and from the last session', () => {
  const snapshot = signeasySnapshot({ envelopes: 0, grace: 0, identity: { displayName: 'Ines Salgado' } });
  const failed: AccountState = {
    ...fresh('signeasy', snapshot),
    error: { kind: 'network' },
    failedAt: FIXED_NOW,
  };
  const cached: AccountState = { ...fresh('signeasy', snapshot), fromCache: true };
  for (const [state, firstRow] of [
    [failed, 'Connection failed'],
    [cached, 'From last session'],
  ] as const) {
    const row = serviceRow(signeasy, state, context);
    assert.deepEqual(row.icon, RED, 'an error-severity problem beats the stale icon');
    assert.equal(row.description, 'Ines Salgado · no credits left (stale)');
    assert.equal(childLabels(row)[0], firstRow, 'the error or "From last session" row stays first');
    assert.equal(childLabels(row)[1], 'Problems');
    assertProblemsFirst(row);
  }
});

test('trouble at a glance: stale data with a warning problem keeps the stale icon, and says both', () => {
  const snapshot = leadpingSnapshot({
    problems: [{ id: 'belowRefillTrigger', severity: 'warning', message: 'The balance is below the auto-refill trigger.' }],
  });
  const row = serviceRow(leadping, { ...fresh('leadping', snapshot), error: { kind: 'timeout', timeoutMs: 15_000 } }, context);
  assert.deepEqual(row.icon, STALE);
  assert.equal(row.description, 'Dana Whitfield · low balance, auto-refill off (stale)');
  assertProblemsFirst(row);
});

test('trouble at a glance: the Server row stays first, then the problems', () => {
  const snapshot = signeasySnapshot({ envelopes: 0, grace: 0 });
  const row = serviceRow(signeasy, fresh('signeasy', snapshot), { ...context, customHosts: { signeasy: 'signeasy.internal.example' } });
  assert.deepEqual(childLabels(row).slice(0, 2), ['Server', 'Problems']);
  assertProblemsFirst(row);
});

test('trouble at a glance: an unknown problem id reads as the number of problems, with its severity as the icon', () => {
  const one = leadpingSnapshot({ problems: [{ id: 'somethingNew', severity: 'warning', message: 'Something new.' }] });
  const oneRow = serviceRow(leadping, fresh('leadping', one), context);
  assert.deepEqual(oneRow.icon, YELLOW);
  assert.equal(oneRow.description, 'Dana Whitfield · 1 problem');
  assertProblemsFirst(oneRow);

  // Ids come from data: one that names an Object.prototype member is still unknown.
  const two = leadpingSnapshot({
    problems: [
      { id: 'constructor', severity: 'error', message: 'Something else.' },
      { id: 'somethingNew', severity: 'warning', message: 'Something new.' },
    ],
  });
  const twoRow = serviceRow(leadping, fresh('leadping', two), context);
  assert.deepEqual(twoRow.icon, RED);
  assert.equal(twoRow.description, 'Dana Whitfield · 2 problems');
});

test('trouble at a glance: every known problem id has its short phrase', () => {
  const phrases: Record<string, string> = {
    creditsExhausted: 'no credits left',
    belowRefillTrigger: 'low balance, auto-refill off',
    emailUnverified: 'email not verified',
    subscriptionOverdue: 'payment overdue',
    subscriptionCanceled: 'subscription canceled',
    subscriptionPending: 'subscription pending',
    subscriptionCancels: 'subscription ending',
    accountNotActivated: 'not activated',
    graceCreditsInUse: 'using grace credits',
  };
  for (const [id, phrase] of Object.entries(phrases)) {
    const snapshot = signeasySnapshot({
      identity: { displayName: 'Ines Salgado' },
      problems: [{ id, severity: 'warning', message: 'A sentence.' }],
    });
    const row = serviceRow(signeasy, fresh('signeasy', snapshot), context);
    assert.equal(row.description, `Ines Salgado · ${phrase}`, id);
    assert.deepEqual(row.icon, YELLOW, id);
  }
});

test('trouble at a glance: with no name or email, the description is the problem alone; the node tooltip has the full sentence', () => {
  const snapshot = signeasySnapshot({ envelopes: 0, grace: 0, identity: {} });
  const row = serviceRow(signeasy, fresh('signeasy', snapshot), context);
  assert.equal(row.description, 'no credits left');
  assert.match(row.tooltip ?? '', /No envelope credits left, and the grace credits are used up too/);
});

test('trouble at a glance: a refresh under way still spins, and the description still names the problem', () => {
  const snapshot = signeasySnapshot({ envelopes: 0, grace: 0, identity: { displayName: 'Ines Salgado' } });
  const row = serviceRow(signeasy, { ...fresh('signeasy', snapshot), refreshing: true }, context);
  assert.equal(row.icon?.id, 'sync~spin');
  assert.equal(row.description, 'Ines Salgado · no credits left');
});

test("a further account's row: keyed by its account key, titled with its label, its menu and tooltip saying it is pinned", () => {
  const state: AccountState = {
    accountKey: 'leadping~0a1b2c3d',
    serviceId: 'leadping',
    label: 'Client *A*',
    pinned: true,
    signedIn: true,
    refreshing: false,
    snapshot: leadpingSnapshot(),
  };
  const row = serviceRow(leadping, state, context);
  assert.equal(row.id, 'leadping~0a1b2c3d');
  assert.equal(row.label, 'Leadping · Client *A*');
  assert.equal(row.contextValue, 'service.signedIn.pinned');
  assert.match(row.tooltip ?? '', /\*\*Leadping · Client \\\*A\\\*\*\*/, 'the label is escaped in Markdown');
  assert.match(row.tooltip ?? '', /Pinned: the status bar shows the pinned accounts only\./);
  for (const child of row.children ?? []) assert.ok(child.id.startsWith('leadping~0a1b2c3d/'), child.id);
});

test('compact (many accounts): the headline value on the account line, before the worst problem', () => {
  const compact = { ...context, compact: true };
  const healthy = serviceRow(leadping, signedInState('leadping', { snapshot: leadpingSnapshot({ balance: 18.75 }) }), compact);
  assert.equal(healthy.description, 'Dana Whitfield · $18.75');
  const usedUp = serviceRow(leadping, signedInState('leadping', { snapshot: leadpingSnapshot({ balance: 0 }) }), compact);
  assert.equal(usedUp.description, 'Dana Whitfield · $0.00 · no credits left');
  const failed = serviceRow(leadping, signedInState('leadping', { error: { kind: 'server', status: 500 } }), compact);
  assert.equal(failed.description, 'Could not load');
  assert.equal(serviceRow(leadping, signedInState('leadping', { snapshot: leadpingSnapshot() }), context).description, 'Dana Whitfield');
});
