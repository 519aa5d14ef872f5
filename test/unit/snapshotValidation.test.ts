// readSnapshot(): what a stored snapshot must look like before the UI may render it, and the
// reason given when it does not (a field named, no stored value quoted).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { AccountState } from '../../src/core/refresh/accountState';
import { PROBLEM_IDS, type AccountSnapshot } from '../../src/core/model';
import { buildLeadpingSnapshot } from '../../src/core/services/leadping';
import { buildSigneasySnapshot } from '../../src/core/services/signeasy';
import { EARLIEST_FETCHED_AT, readSnapshot } from '../../src/core/snapshotValidation';
import { serviceRow } from '../../src/views/viewModels/accountRows';
import { describeGlance } from '../../src/views/viewModels/statusBarView';
import { leadpingOrganization, leadpingUsageSummary, leadpingUser, leadpingWallet, signeasyUser } from '../fake-server';
import { FIXED_NOW } from '../support/clock';
import { inertAdapter, leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

type Json = Record<string, unknown>;

/** What globalState would hand back: a JSON round trip (undefined keys gone). */
const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** A stored leadping snapshot (JSON) with one change made to it. */
function damaged(change: (stored: Json) => void): Json {
  const stored = json(leadpingSnapshot({ plan: { autoRefill: { enabled: true, amount: 50, trigger: 10, currency: 'USD' } } }));
  change(stored);
  return stored;
}

const counter0 = (stored: Json) => (stored.counters as Json[])[0] as Json;

/** Makes reading `key` of `stored` throw, with text a reason must never repeat. */
function throwOnRead(stored: Json, key: string): void {
  Object.defineProperty(stored, key, {
    enumerable: true,
    get() {
      throw new Error('ZQX stored text');
    },
  });
}

/** A billing period's spend as this release stores it. */
const PERIOD_USAGE = {
  periodStart: FIXED_NOW - 10 * 86_400_000,
  periodEnd: FIXED_NOW + 20 * 86_400_000,
  total: { amount: 41.25, currency: 'USD' },
  lines: [
    { id: 'sms', label: 'sms', amount: 36, quantity: 1200 },
    { id: 'voice', label: 'voice', amount: 5.25 },
  ],
};

function reasonFor(value: unknown, now = FIXED_NOW): string {
  const reading = readSnapshot(value, now);
  assert.equal(reading.ok, false, 'expected the snapshot to be refused');
  return reading.ok ? '' : reading.reason;
}

describe('readSnapshot accepts', () => {
  test('every snapshot the adapters build, unchanged after the JSON round trip the cache puts it through', () => {
    const built: AccountSnapshot[] = [
      buildLeadpingSnapshot(leadpingUser(), leadpingWallet(), leadpingOrganization(), FIXED_NOW),
      buildLeadpingSnapshot(leadpingUser(), leadpingWallet(), leadpingOrganization(), FIXED_NOW, leadpingUsageSummary()),
      buildLeadpingSnapshot(leadpingUser(), undefined, undefined, FIXED_NOW),
      buildSigneasySnapshot(signeasyUser(), FIXED_NOW),
      leadpingSnapshot({ balance: 0 }),
      signeasySnapshot({ envelopes: 0, grace: 0 }),
    ];
    for (const snapshot of built) {
      const reading = readSnapshot(json(snapshot), FIXED_NOW);
      assert.ok(reading.ok, reading.ok ? '' : reading.reason);
      assert.deepEqual(json(reading.snapshot), json(snapshot));
    }
  });

  test('a snapshot an older release cached, its problems stored as English sentences, reads; a sentence stands in where values are missing', () => {
    const stored = damaged(
      (snapshot) =>
        (snapshot.problems = [
          // 0.1.0 wrote the amount into the sentence; this release would need it as a param.
          {
            id: 'creditsExhausted',
            severity: 'error',
            message: 'No credit left ($0.00): paid actions such as messages and lookups cannot be paid for until credit is added.',
          },
          // Needs no values: worded by this release, in the person's language.
          { id: 'subscriptionCanceled', severity: 'error', message: 'The subscription is canceled.' },
          // An id this release does not know: only the stored sentence can say it.
          { id: 'somethingNew', severity: 'warning', message: 'Something new happened.' },
        ]),
    );
    const reading = readSnapshot(stored, FIXED_NOW);
    assert.ok(reading.ok, reading.ok ? '' : reading.reason);
    assert.deepEqual(
      reading.snapshot.problems.map((problem) => problem.message),
      (stored.problems as Json[]).map((problem) => problem.message),
      'nothing is lost',
    );
    const row = serviceRow(
      leadping,
      { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: reading.snapshot },
      {
        now: FIXED_NOW,
        locale: 'en-US',
      },
    );
    const problems = row.children?.find((child) => child.label === 'Problems')?.children?.map((child) => child.label);
    assert.deepEqual(problems, [
      'No credit left ($0.00): paid actions such as messages and lookups cannot be paid for until credit is added.',
      'The subscription is canceled.',
      'Something new happened.',
    ]);
  });

  test('null for an optional field, and for a counter value (JSON writes NaN as null), reads as absent', () => {
    const reading = readSnapshot(
      damaged((stored) => {
        (stored.identity as Json).email = null;
        (stored.plan as Json).autoRefill = null;
        counter0(stored).value = null;
      }),
      FIXED_NOW,
    );
    assert.ok(reading.ok);
    assert.equal(reading.snapshot.identity.email, undefined);
    assert.equal(reading.snapshot.plan.autoRefill, undefined);
    assert.equal(reading.snapshot.counters[0]?.value, undefined);
  });

  test('a copy of the known fields only: keys a newer release (or damage) added are left behind', () => {
    const stored = damaged((snapshot) => {
      snapshot.token = 'lp_live_should_not_travel';
      (snapshot.identity as Json).avatar = { url: 'x' };
      counter0(snapshot).color = 'red';
      (counter0(snapshot).unit as Json).symbol = '$';
    });
    const reading = readSnapshot(stored, FIXED_NOW);
    assert.ok(reading.ok);
    assert.deepEqual(
      json(reading.snapshot),
      damaged(() => {}),
    );
    assert.notEqual(reading.snapshot, stored);
  });

  test('a snapshot cached before the billing period spend existed reads, without it; one with it reads it back', () => {
    const older = readSnapshot(
      damaged(() => {}),
      FIXED_NOW,
    );
    assert.ok(older.ok, older.ok ? '' : older.reason);
    assert.equal('periodUsage' in older.snapshot, false);
    const newer = readSnapshot(
      damaged((stored) => (stored.periodUsage = PERIOD_USAGE)),
      FIXED_NOW,
    );
    assert.ok(newer.ok, newer.ok ? '' : newer.reason);
    assert.deepEqual(json(newer.snapshot.periodUsage), PERIOD_USAGE);
  });

  test('fetchedAt up to a day ahead of now (clocks differ between machines)', () => {
    assert.ok(
      readSnapshot(
        damaged((stored) => (stored.fetchedAt = FIXED_NOW + 86_400_000)),
        FIXED_NOW,
      ).ok,
    );
    assert.ok(
      readSnapshot(
        damaged((stored) => (stored.fetchedAt = EARLIEST_FETCHED_AT)),
        FIXED_NOW,
      ).ok,
    );
  });
});

describe('readSnapshot leaves out a billing period it cannot read, and keeps the rest', () => {
  const withUsage = (change: (usage: Json) => unknown) => damaged((stored) => (stored.periodUsage = change(json(PERIOD_USAGE))));
  const line0 = (usage: Json) => (usage.lines as Json[])[0] as Json;
  const cases: readonly [string, Json][] = [
    ['periodUsage: null', withUsage(() => null)],
    ['periodUsage: a string', withUsage(() => '$41.25')],
    ['periodUsage: an array', withUsage((usage) => [usage])],
    ['no total', withUsage((usage) => ({ ...usage, total: undefined }))],
    ['a total without currency', withUsage((usage) => ({ ...usage, total: { amount: 41.25 } }))],
    ['a total in "dollars"', withUsage((usage) => ({ ...usage, total: { amount: 41.25, currency: 'dollars' } }))],
    ['a total of "41.25"', withUsage((usage) => ({ ...usage, total: { amount: '41.25', currency: 'USD' } }))],
    ['periodStart: a string', withUsage((usage) => ({ ...usage, periodStart: '2026-11-12' }))],
    ['periodEnd beyond what a Date holds', withUsage((usage) => ({ ...usage, periodEnd: 1e20 }))],
    ['no lines', withUsage((usage) => ({ ...usage, lines: undefined }))],
    ['lines: an object', withUsage((usage) => ({ ...usage, lines: { sms: 36 } }))],
    ['a line without id', withUsage((usage) => ({ ...usage, lines: [{ ...line0(usage), id: undefined }] }))],
    ['a line amount of null (NaN once stored)', withUsage((usage) => ({ ...usage, lines: [{ ...line0(usage), amount: null }] }))],
    ['a line quantity of "1200"', withUsage((usage) => ({ ...usage, lines: [{ ...line0(usage), quantity: '1200' }] }))],
    ['two lines with one id', withUsage((usage) => ({ ...usage, lines: [line0(usage), line0(usage)] }))],
  ];
  for (const [name, stored] of cases) {
    test(name, () => {
      const reading = readSnapshot(stored, FIXED_NOW);
      assert.ok(reading.ok, reading.ok ? '' : reading.reason);
      assert.equal('periodUsage' in reading.snapshot, false);
      assert.deepEqual(
        json(reading.snapshot),
        damaged(() => {}),
      );
    });
  }

  test('a getter that throws on it drops it too, and the reason of a later bad field is still the one given', () => {
    const stored = damaged((snapshot) => throwOnRead(snapshot, 'periodUsage'));
    const reading = readSnapshot(stored, FIXED_NOW);
    assert.ok(reading.ok, reading.ok ? '' : reading.reason);
    assert.equal('periodUsage' in reading.snapshot, false);
    stored.fetchedAt = 'soon';
    assert.equal(reasonFor(stored), 'fetchedAt is not a time');
  });
});

describe('readSnapshot refuses, naming the first bad field', () => {
  const cases: readonly [string, unknown, RegExp][] = [
    ['a string instead of a snapshot', 'leadping', /^the snapshot is not an object$/],
    ['null', null, /^the snapshot is not an object$/],
    ['an array', [leadpingSnapshot()], /^the snapshot is not an object$/],
    ['no serviceId', damaged((stored) => delete stored.serviceId), /^the snapshot has no serviceId$/],
    ['an empty serviceId', damaged((stored) => (stored.serviceId = '')), /^serviceId is empty$/],
    ['a numeric serviceId', damaged((stored) => (stored.serviceId = 7)), /^serviceId is not a string$/],
    ['identity: null', damaged((stored) => (stored.identity = null)), /^identity is not an object$/],
    ['no identity', damaged((stored) => delete stored.identity), /^the snapshot has no identity$/],
    ['identity: an array', damaged((stored) => (stored.identity = [])), /^identity is not an object$/],
    [
      'identity.displayName: 5',
      damaged((stored) => ((stored.identity as Json).displayName = 5)),
      /^identity\.displayName is not a string$/,
    ],
    [
      'identity.createdAt: a string',
      damaged((stored) => ((stored.identity as Json).createdAt = '2024-01-05')),
      /^identity\.createdAt is not a time$/,
    ],
    ['plan: null', damaged((stored) => (stored.plan = null)), /^plan is not an object$/],
    ['plan.paid: "yes"', damaged((stored) => ((stored.plan as Json).paid = 'yes')), /^plan\.paid is not true or false$/],
    [
      'plan.renewsAt beyond what a Date holds',
      damaged((stored) => ((stored.plan as Json).renewsAt = 1e20)),
      /^plan\.renewsAt is not a time$/,
    ],
    ['plan.autoRefill: "on"', damaged((stored) => ((stored.plan as Json).autoRefill = 'on')), /^plan\.autoRefill is not an object$/],
    [
      'plan.autoRefill.amount: Infinity',
      damaged((stored) => (((stored.plan as Json).autoRefill as Json).amount = Infinity)),
      /^plan\.autoRefill\.amount is not a finite number$/,
    ],
    [
      'plan.autoRefill.currency: "dollars"',
      damaged((stored) => (((stored.plan as Json).autoRefill as Json).currency = 'dollars')),
      /^plan\.autoRefill\.currency is not a 3-letter currency code$/,
    ],
    ['counters: [null]', damaged((stored) => (stored.counters = [null])), /^counters\[0\] is not an object$/],
    ['counters: an object', damaged((stored) => (stored.counters = {})), /^counters is not a list$/],
    ['no counters', damaged((stored) => delete stored.counters), /^the snapshot has no counters$/],
    ['a counter without unit', damaged((stored) => delete counter0(stored).unit), /^counters\[0\] has no unit$/],
    ['unit: null', damaged((stored) => (counter0(stored).unit = null)), /^counters\[0\]\.unit is not an object$/],
    [
      'unit: {kind: money, currency: null}',
      damaged((stored) => (counter0(stored).unit = { kind: 'money', currency: null })),
      /^counters\[0\]\.unit\.currency is not a 3-letter currency code$/,
    ],
    [
      'unit: {kind: money} without currency',
      damaged((stored) => (counter0(stored).unit = { kind: 'money' })),
      /^counters\[0\]\.unit has no currency$/,
    ],
    [
      'unit.kind: "weight"',
      damaged((stored) => (counter0(stored).unit = { kind: 'weight' })),
      /^counters\[0\]\.unit\.kind is not money or count$/,
    ],
    [
      'unit.noun: 3',
      damaged((stored) => (counter0(stored).unit = { kind: 'count', noun: 3 })),
      /^counters\[0\]\.unit\.noun is not a string$/,
    ],
    ['counter value: "12"', damaged((stored) => (counter0(stored).value = '12')), /^counters\[0\]\.value is not a finite number$/],
    ['counter value: NaN', damaged((stored) => (counter0(stored).value = Number.NaN)), /^counters\[0\]\.value is not a finite number$/],
    ['counter headline: 1', damaged((stored) => (counter0(stored).headline = 1)), /^counters\[0\]\.headline is not true or false$/],
    ['counter without label', damaged((stored) => delete counter0(stored).label), /^counters\[0\] has no label$/],
    [
      'counter expiresAt: -Infinity',
      damaged((stored) => (counter0(stored).expiresAt = -Infinity)),
      /^counters\[0\]\.expiresAt is not a time$/,
    ],
    [
      'two counters with one id (the tree keys rows by id)',
      damaged((stored) => (stored.counters = [counter0(stored), counter0(stored)])),
      /^counters\[1\]\.id repeats an earlier id$/,
    ],
    ['problems: [null]', damaged((stored) => (stored.problems = [null])), /^problems\[0\] is not an object$/],
    [
      'severity: "fatal"',
      damaged((stored) => (stored.problems = [{ id: 'x', severity: 'fatal', message: 'm' }])),
      /^problems\[0\]\.severity is not error, warning or info$/,
    ],
    [
      'a problem whose message is not text',
      damaged((stored) => (stored.problems = [{ id: 'x', severity: 'info', message: 7 }])),
      /^problems\[0\]\.message is not a string$/,
    ],
    [
      'a problem whose params is not an object',
      damaged((stored) => (stored.problems = [{ id: 'x', severity: 'info', params: 'USD 5' }])),
      /^problems\[0\]\.params is not an object$/,
    ],
    [
      'an amount in a problem without its currency',
      damaged((stored) => (stored.problems = [{ id: 'creditsExhausted', severity: 'error', params: { balance: { amount: 0 } } }])),
      /^problems\[0\]\.params\.balance has no currency$/,
    ],
    [
      'a date in a problem that is not a time',
      damaged((stored) => (stored.problems = [{ id: 'subscriptionCancels', severity: 'warning', params: { cancelsAt: '2026-12-01' } }])),
      /^problems\[0\]\.params\.cancelsAt is not a time$/,
    ],
    ['lists: [{}]', damaged((stored) => (stored.lists = [{}])), /^lists\[0\] has no id$/],
    ['a list without items', damaged((stored) => (stored.lists = [{ id: 'a', label: 'A' }])), /^lists\[0\] has no items$/],
    [
      'a list item without label',
      damaged((stored) => (stored.lists = [{ id: 'a', label: 'A', items: [{}] }])),
      /^lists\[0\]\.items\[0\] has no label$/,
    ],
    [
      'a list item description: false',
      damaged((stored) => (stored.lists = [{ id: 'a', label: 'A', items: [{ label: 'x', description: false }] }])),
      /^lists\[0\]\.items\[0\]\.description is not a string$/,
    ],
    ['fetchedAt: 1e20', damaged((stored) => (stored.fetchedAt = 1e20)), /^fetchedAt is not a time$/],
    ['fetchedAt: NaN', damaged((stored) => (stored.fetchedAt = Number.NaN)), /^fetchedAt is not a time$/],
    ['fetchedAt: null', damaged((stored) => (stored.fetchedAt = null)), /^fetchedAt is not a time$/],
    ['fetchedAt: a string', damaged((stored) => (stored.fetchedAt = '2026-11-22T12:00:00Z')), /^fetchedAt is not a time$/],
    ['fetchedAt: negative', damaged((stored) => (stored.fetchedAt = -1)), /^fetchedAt is before the year 2000$/],
    ['fetchedAt: 0', damaged((stored) => (stored.fetchedAt = 0)), /^fetchedAt is before the year 2000$/],
    [
      'fetchedAt: two days ahead',
      damaged((stored) => (stored.fetchedAt = FIXED_NOW + 2 * 86_400_000)),
      /^fetchedAt is more than a day in the future$/,
    ],
  ];
  for (const [name, value, reason] of cases) {
    test(name, () => assert.match(reasonFor(value), reason));
  }

  test('the first bad field in model order is the one named', () => {
    const stored = damaged((snapshot) => {
      snapshot.plan = null;
      snapshot.fetchedAt = 'soon';
    });
    assert.equal(reasonFor(stored), 'plan is not an object');
  });

  test('a getter that throws is a refusal, not a throw, and what it threw is not repeated', () => {
    const stored = damaged((snapshot) => throwOnRead(snapshot, 'counters'));
    assert.equal(reasonFor(stored), 'the snapshot could not be read');
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('ZQX stored text');
        },
      },
    );
    assert.equal(reasonFor(hostile), 'the snapshot could not be read');
  });
});

/** Any of a snapshot's known keys set to anything; the nested objects likewise. */
function mutated(base: Json, values: fc.Arbitrary<unknown>): fc.Arbitrary<Json> {
  const keys = Object.keys(base);
  return fc.dictionary(fc.constantFrom(...keys), values, { maxKeys: keys.length }).map((changes) => ({ ...base, ...changes }));
}

const STORED_MARK = 'ZQX';
const anyValue = fc.oneof(
  fc.anything(),
  fc.constant(STORED_MARK),
  fc.constant({ kind: STORED_MARK }),
  fc.constant([STORED_MARK]),
  fc.double(),
);

function damagedSnapshots(): fc.Arbitrary<Json> {
  const base = damaged(
    (stored) =>
      (stored.problems = [
        { id: 'p', severity: 'warning', message: 'm', params: { balance: { amount: 1, currency: 'USD' }, cancelsAt: FIXED_NOW } },
      ]),
  );
  const counter = counter0(base);
  return fc
    .record({
      identity: mutated(base.identity as Json, anyValue),
      plan: mutated(base.plan as Json, anyValue),
      counters: fc.array(
        fc.oneof(
          mutated(counter, anyValue),
          mutated(counter, anyValue).map((changed) => ({ ...changed, unit: { kind: 'money', currency: STORED_MARK } })),
        ),
      ),
      problems: fc.array(
        fc.oneof(
          mutated((base.problems as Json[])[0] as Json, anyValue),
          mutated(((base.problems as Json[])[0] as Json).params as Json, anyValue).map((params) => ({ id: 'p', severity: 'info', params })),
        ),
      ),
      periodUsage: fc.oneof(
        anyValue,
        mutated(PERIOD_USAGE, anyValue),
        fc.array(mutated(PERIOD_USAGE.lines[0] as Json, anyValue)).map((lines) => ({ ...PERIOD_USAGE, lines })),
      ),
    })
    .chain((nested) => mutated({ ...base, ...nested }, anyValue));
}

/** Valid by the model but awkward to render: extremes, empty and Markdown-ish text, any currency code. */
function awkwardValidSnapshots(): fc.Arbitrary<AccountSnapshot> {
  const text = fc.oneof(fc.string(), fc.constantFrom('', ' ', '**[x](command:evil)**', '\n', '—'));
  const optionalText = fc.option(text, { nil: undefined });
  const time = fc.option(fc.double({ min: -8.64e15, max: 8.64e15, noNaN: true }), { nil: undefined });
  const amount = fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined });
  const money = fc.record({ amount: fc.double({ noNaN: true, noDefaultInfinity: true }), currency: fc.stringMatching(/^[A-Z]{3}$/) });
  const unit = fc.oneof(
    fc.stringMatching(/^[A-Z]{3}$/).map((currency) => ({ kind: 'money' as const, currency })),
    optionalText.map((noun) => ({ kind: 'count' as const, noun })),
  );
  return fc.record({
    serviceId: fc.constant('leadping'),
    identity: fc.record({
      displayName: optionalText,
      email: optionalText,
      id: optionalText,
      organization: optionalText,
      phone: optionalText,
      createdAt: time,
    }),
    plan: fc.record({
      name: optionalText,
      subscriptionStatus: optionalText,
      paid: fc.option(fc.boolean(), { nil: undefined }),
      renewsAt: time,
      expiresAt: time,
      cancelsAt: time,
      autoRenew: fc.option(fc.boolean(), { nil: undefined }),
      autoRefill: fc.option(
        fc.record({
          enabled: fc.option(fc.boolean(), { nil: undefined }),
          amount,
          trigger: amount,
          currency: fc.option(fc.stringMatching(/^[A-Z]{3}$/), { nil: undefined }),
        }),
        { nil: undefined },
      ),
    }),
    counters: fc.uniqueArray(fc.record({ id: text, label: text, value: amount, unit, headline: fc.boolean(), expiresAt: time }), {
      selector: (item) => item.id,
      maxLength: 5,
    }),
    problems: fc.uniqueArray(
      fc.record(
        {
          // Known ids get worded from their params, so both paths render.
          id: fc.oneof(fc.constantFrom(...Object.values(PROBLEM_IDS)), text),
          severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
          message: optionalText,
          params: fc.option(
            fc.record({
              balance: fc.option(money, { nil: undefined }),
              refillTrigger: fc.option(money, { nil: undefined }),
              cancelsAt: time,
              envelopesLeft: amount,
              graceEnvelopesLeft: amount,
            }),
            { nil: undefined },
          ),
        },
        { requiredKeys: ['id', 'severity'] },
      ),
      {
        selector: (item) => item.id,
        maxLength: 3,
      },
    ),
    lists: fc.uniqueArray(
      fc.record({ id: text, label: text, items: fc.array(fc.record({ label: text, description: optionalText }), { maxLength: 3 }) }),
      {
        selector: (item) => item.id,
        maxLength: 2,
      },
    ),
    periodUsage: fc.option(
      fc.record({
        periodStart: time,
        periodEnd: time,
        total: money,
        lines: fc.uniqueArray(
          fc.record({
            // Known channel ids get worded, others show as the service named them.
            id: fc.oneof(fc.constantFrom('sms', 'voice', 'email', 'phone_number'), text),
            label: text,
            amount: fc.double({ noNaN: true, noDefaultInfinity: true }),
            quantity: amount,
          }),
          { selector: (line) => line.id, maxLength: 4 },
        ),
      }),
      { nil: undefined },
    ),
    fetchedAt: fc.double({ min: EARLIEST_FETCHED_AT, max: FIXED_NOW + 86_400_000, noNaN: true }),
  });
}

const leadping = inertAdapter('leadping', 'Leadping', 'LP');

/** Both views a snapshot feeds, as they run at start-up (from the cache) and after a refresh. */
function renderBothViews(snapshot: AccountSnapshot): void {
  for (const fromCache of [true, false]) {
    const state: AccountState = { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot, fromCache };
    serviceRow(leadping, state, { now: FIXED_NOW, locale: 'en-US' });
    describeGlance({
      adapters: [leadping],
      states: [state],
      settings: { enabled: true, services: ['leadping'], counters: {}, lowCredit: { leadping: 5 } },
      now: FIXED_NOW,
      locale: 'en-US',
    });
  }
}

describe('readSnapshot properties', () => {
  test('on damaged snapshots: never throws, and a reason never quotes a stored value', () => {
    fc.assert(
      fc.property(damagedSnapshots(), (stored) => {
        const reading = readSnapshot(stored, FIXED_NOW);
        if (!reading.ok) assert.ok(!reading.reason.includes(STORED_MARK), reading.reason);
        else renderBothViews(reading.snapshot);
      }),
      { numRuns: 500 },
    );
  });

  test('whatever passes renders in the tree and the status bar without throwing, and reads back the same', () => {
    fc.assert(
      fc.property(awkwardValidSnapshots(), (snapshot) => {
        const reading = readSnapshot(json(snapshot), FIXED_NOW);
        assert.ok(reading.ok, reading.ok ? '' : reading.reason);
        assert.deepEqual(json(reading.snapshot), json(snapshot));
        renderBothViews(reading.snapshot);
      }),
      { numRuns: 300 },
    );
  });
});
