// The start-up cache: whatever globalState holds (this release's value, 0.1.0's, a newer
// release's, or damage), load() never throws and hands the UI only snapshots that read as a whole;
// the rest is reported for the log. And should something slip through, rendering it does not
// take the tree or the status bar (so activation) down.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type * as vscode from 'vscode';
import type { AccountState } from '../../src/core/refresh/accountState';
import type { AccountSnapshot } from '../../src/core/model';
import { readSnapshot } from '../../src/core/snapshotValidation';
import { serviceRow, serviceRowOrError, type Row } from '../../src/views/viewModels/accountRows';
import { describeGlance, glanceOrUndrawable, undrawableGlance, type GlanceInput } from '../../src/views/viewModels/statusBarView';
import { SnapshotCache } from '../../src/storage/snapshotCache';
import { FIXED_NOW } from '../support/clock';
import { inertAdapter, leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';
import { signedInState } from '../support/accountState';

/** The stored keys are a contract with past and future releases, so the tests spell them out. */
const CURRENT_KEY = 'accountGlance.snapshotCache';
const LEGACY_KEY = 'accountGlance.snapshots.v1';

type Json = Record<string, unknown>;

const json = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

/** globalState in memory: values seeded as given (even ones JSON cannot hold), updates stored as JSON. */
class MemoryMemento implements vscode.Memento {
  readonly values = new Map<string, unknown>();
  updates = 0;

  constructor(seed: Readonly<Record<string, unknown>> = {}) {
    for (const [key, value] of Object.entries(seed)) this.values.set(key, value);
  }

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }

  update(key: string, value: unknown): Thenable<void> {
    this.updates++;
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, json(value));
    return Promise.resolve();
  }
}

function cacheOver(seed: Readonly<Record<string, unknown>>) {
  const memento = new MemoryMemento(seed);
  const dropped: [string | undefined, string][] = [];
  const cache = new SnapshotCache(memento, { onDropped: (serviceId, reason) => dropped.push([serviceId, reason]) });
  return { memento, cache, dropped };
}

const current = (snapshots: unknown) => ({ [CURRENT_KEY]: { version: 2, snapshots } });
const legacy = (snapshots: unknown) => ({ [LEGACY_KEY]: snapshots });

const goodSigneasy = json(signeasySnapshot());

/** The shapes that crashed activate() in 0.1.0, each as a stored leadping entry. */
const CRASHING_SHAPES: readonly [string, Json][] = [
  ['identity: null', { ...json(leadpingSnapshot()), identity: null }],
  ['plan: null', { ...json(leadpingSnapshot()), plan: null }],
  ['counters: [null]', { ...json(leadpingSnapshot()), counters: [null] }],
  ['a counter without unit', { ...json(leadpingSnapshot()), counters: [{ id: 'balance', label: 'Balance', value: 1, headline: true }] }],
  ['problems: [null]', { ...json(leadpingSnapshot()), problems: [null] }],
  ['lists: [{}]', { ...json(leadpingSnapshot()), lists: [{}] }],
  ['fetchedAt: 1e20', { ...json(leadpingSnapshot()), fetchedAt: 1e20 }],
];

/** More damage, within one entry. */
const OTHER_DAMAGE: readonly [string, unknown][] = [
  ['identity.displayName: 5', { ...json(leadpingSnapshot()), identity: { displayName: 5 } }],
  ['no identity', { ...json(leadpingSnapshot()), identity: undefined }],
  [
    'unit: {kind: money, currency: null}',
    {
      ...json(leadpingSnapshot()),
      counters: [{ id: 'balance', label: 'Balance', value: 1, unit: { kind: 'money', currency: null }, headline: true }],
    },
  ],
  ["severity: 'fatal'", { ...json(leadpingSnapshot()), problems: [{ id: 'x', severity: 'fatal', message: 'm' }] }],
  ['fetchedAt: NaN', { ...json(leadpingSnapshot()), fetchedAt: Number.NaN }],
  ['fetchedAt: negative', { ...json(leadpingSnapshot()), fetchedAt: -5 }],
  ['fetchedAt: a string', { ...json(leadpingSnapshot()), fetchedAt: '2026-11-22' }],
  ['an entry that is a string', 'leadping'],
  ['an entry that is null', null],
];

/** Every view a loaded snapshot reaches at start-up, as restoreCached() marks it. */
function renderAtStartUp(snapshots: readonly AccountSnapshot[]): void {
  const adapters = [inertAdapter('leadping', 'Leadping', 'LP'), inertAdapter('signeasy', 'Signeasy', 'SE')];
  const states: AccountState[] = snapshots.map((snapshot) => ({
    accountKey: snapshot.serviceId,
    serviceId: snapshot.serviceId,
    signedIn: true,
    refreshing: false,
    snapshot,
    fromCache: true,
  }));
  for (const [index, state] of states.entries()) serviceRow(adapters[index % 2]!, state, { now: FIXED_NOW, locale: 'en-US' });
  describeGlance({
    adapters,
    states,
    settings: { enabled: true, services: ['leadping', 'signeasy'], counters: {}, lowCredit: { leadping: 5, signeasy: 20 } },
    now: FIXED_NOW,
    locale: 'en-US',
  });
}

describe('SnapshotCache: a bad entry is dropped and reported, the good one beside it survives', () => {
  for (const [where, store] of [
    ['current cache', current],
    ['0.1.0 cache', legacy],
  ] as const) {
    for (const [name, entry] of [...CRASHING_SHAPES, ...OTHER_DAMAGE]) {
      test(`${where}: ${name}`, () => {
        const { cache, dropped } = cacheOver(store({ leadping: entry, signeasy: goodSigneasy }));
        const loaded = snapshotsIn(cache, FIXED_NOW);
        assert.deepEqual(json(loaded), [goodSigneasy]);
        assert.equal(dropped.length, 1);
        assert.equal(dropped[0]?.[0], 'leadping');
        assert.ok(dropped[0]?.[1]);
        renderAtStartUp(loaded);
      });
    }
  }

  test('an entry stored under another service id than its own', () => {
    const { cache, dropped } = cacheOver(current({ signeasy: json(leadpingSnapshot()) }));
    assert.deepEqual(snapshotsIn(cache, FIXED_NOW), []);
    assert.deepEqual(dropped, [['signeasy', 'serviceId differs from the key it is stored under']]);
  });

  test('an entry whose key is not a plain id is reported without its key (stored text stays out of the log)', () => {
    const { cache, dropped } = cacheOver(current({ 'x\n[link](command:evil)': 'junk', signeasy: goodSigneasy }));
    assert.equal(snapshotsIn(cache, FIXED_NOW).length, 1);
    assert.deepEqual(dropped, [[undefined, 'the snapshot is not an object']]);
  });
});

describe('SnapshotCache: a whole stored value that cannot be read', () => {
  const unreadable: readonly [string, unknown][] = [
    ['a string', 'snapshots'],
    ['an array', [json(leadpingSnapshot())]],
    ['null', null],
    ['a number', 42],
    ['no version', { snapshots: { leadping: json(leadpingSnapshot()) } }],
    ['a version that is a string', { version: '2', snapshots: { leadping: json(leadpingSnapshot()) } }],
    ['snapshots that are not a record', { version: 2, snapshots: [json(leadpingSnapshot())] }],
  ];
  for (const [name, value] of unreadable) {
    test(`${name}: load() gives nothing and says why; save() replaces it with a current value`, async () => {
      const { memento, cache, dropped } = cacheOver({ [CURRENT_KEY]: value });
      assert.deepEqual(snapshotsIn(cache, FIXED_NOW), []);
      assert.equal(dropped.length, 1);
      assert.equal(dropped[0]?.[0], undefined);
      await saveTo(cache, leadpingSnapshot(), FIXED_NOW);
      assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: { leadping: json(leadpingSnapshot()) } });
      assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [json(leadpingSnapshot())]);
    });
  }

  test('the 0.1.0 value damaged as a whole: reported, and removed by the next write', async () => {
    const { memento, cache, dropped } = cacheOver(legacy('snapshots'));
    assert.deepEqual(snapshotsIn(cache, FIXED_NOW), []);
    assert.equal(dropped.length, 1);
    await cache.remove('leadping');
    assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: {} });
    assert.equal(memento.get(LEGACY_KEY), undefined);
  });

  test('getters that throw (a Proxy): load() gives nothing, save() and remove() still write', async () => {
    const throwing = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    for (const seed of [{ [CURRENT_KEY]: throwing }, { [CURRENT_KEY]: { version: 2, snapshots: throwing } }, legacy(throwing)]) {
      const { memento, cache, dropped } = cacheOver(seed);
      assert.deepEqual(snapshotsIn(cache, FIXED_NOW), []);
      assert.deepEqual(dropped, [[undefined, 'the cache could not be read']]);
      await cache.remove('leadping');
      assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: {} });
      await saveTo(cache, signeasySnapshot(), FIXED_NOW);
      assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [goodSigneasy]);
    }
  });

  test('a memento whose get() throws: load() gives nothing', () => {
    const memento = new MemoryMemento();
    memento.get = () => {
      throw new Error('storage gone');
    };
    assert.deepEqual(new SnapshotCache(memento).load(FIXED_NOW), []);
  });

  test('without onDropped (as extension.ts builds it today) the same values load as nothing, quietly', () => {
    for (const value of ['snapshots', null, { version: 2, snapshots: { leadping: null } }]) {
      assert.deepEqual(new SnapshotCache(new MemoryMemento({ [CURRENT_KEY]: value })).load(FIXED_NOW), []);
    }
  });
});

describe('SnapshotCache: versions', () => {
  test('save() then load() round-trips under the current key, beside the other services', async () => {
    const { memento, cache, dropped } = cacheOver({});
    await saveTo(cache, leadpingSnapshot(), FIXED_NOW);
    await saveTo(cache, signeasySnapshot(), FIXED_NOW);
    assert.deepEqual(memento.keys(), [CURRENT_KEY]);
    assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: { leadping: json(leadpingSnapshot()), signeasy: goodSigneasy } });
    assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [json(leadpingSnapshot()), goodSigneasy]);
    await cache.remove('leadping');
    assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [goodSigneasy]);
    assert.deepEqual(dropped, []);
  });

  test('a valid 0.1.0 cache is carried over: loaded as is, then the first save writes the current value and removes the old key', async () => {
    const { memento, cache, dropped } = cacheOver(legacy({ leadping: json(leadpingSnapshot()), signeasy: goodSigneasy }));
    assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [json(leadpingSnapshot()), goodSigneasy]);
    assert.deepEqual(dropped, []);
    assert.equal(memento.updates, 0, 'loading writes nothing');
    const refreshed = leadpingSnapshot({ balance: 7, fetchedAt: FIXED_NOW });
    await saveTo(cache, refreshed, FIXED_NOW);
    assert.deepEqual(memento.keys(), [CURRENT_KEY]);
    assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: { leadping: json(refreshed), signeasy: goodSigneasy } });
  });

  test('remove() on a 0.1.0 cache also writes the current value (carrying the others over) and removes the old key', async () => {
    const { memento, cache } = cacheOver(legacy({ leadping: json(leadpingSnapshot()), signeasy: goodSigneasy }));
    await cache.remove('leadping');
    assert.deepEqual(memento.keys(), [CURRENT_KEY]);
    assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: { signeasy: goodSigneasy } });
  });

  test('the current value wins over a 0.1.0 value left beside it', () => {
    const { cache } = cacheOver({ ...legacy({ leadping: json(leadpingSnapshot()) }), ...current({ signeasy: goodSigneasy }) });
    assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [goodSigneasy]);
  });

  test('a value from a newer release (version 3) is not read, not touched by load(), and replaced by the next save', async () => {
    const newer = { version: 3, snapshots: { leadping: { ...json(leadpingSnapshot()), identity: { names: ['Dana'] } } }, shards: 4 };
    const { memento, cache, dropped } = cacheOver({ [CURRENT_KEY]: newer });
    assert.deepEqual(snapshotsIn(cache, FIXED_NOW), []);
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]?.[0], undefined);
    assert.match(dropped[0]?.[1] ?? '', /newer version/);
    assert.equal(memento.updates, 0);
    assert.deepEqual(memento.get(CURRENT_KEY), newer);
    await saveTo(cache, signeasySnapshot(), FIXED_NOW);
    assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: { signeasy: goodSigneasy } });
  });

  test('remove() of a service with nothing stored writes nothing when the stored value is sound', async () => {
    const { memento, cache } = cacheOver(current({ signeasy: goodSigneasy }));
    await cache.remove('leadping');
    assert.equal(memento.updates, 0);
  });

  test('save() drops a damaged entry beside the one it writes', async () => {
    const { memento, cache } = cacheOver(current({ leadping: { ...json(leadpingSnapshot()), plan: null } }));
    await saveTo(cache, signeasySnapshot(), FIXED_NOW);
    assert.deepEqual(memento.get(CURRENT_KEY), { version: 2, snapshots: { signeasy: goodSigneasy } });
  });

  test('save() refuses a snapshot that would not load, reports it and keeps the last good one', async () => {
    const { memento, cache, dropped } = cacheOver(current({ leadping: json(leadpingSnapshot()) }));
    await saveTo(cache, { ...leadpingSnapshot(), fetchedAt: Number.NaN }, FIXED_NOW);
    assert.deepEqual(dropped, [['leadping', 'fetchedAt is not a time']]);
    assert.equal(memento.updates, 0);
    assert.deepEqual(json(snapshotsIn(cache, FIXED_NOW)), [json(leadpingSnapshot())]);
  });
});

describe('SnapshotCache properties', () => {
  /** A snapshot with any of its keys (and its counters' keys) set to anything. */
  const mutatedSnapshot = fc
    .tuple(
      fc.dictionary(fc.constantFrom(...Object.keys(json(leadpingSnapshot()))), fc.oneof(fc.anything(), fc.jsonValue()), { maxKeys: 3 }),
      fc.dictionary(fc.constantFrom('id', 'label', 'value', 'unit', 'headline', 'expiresAt'), fc.anything(), { maxKeys: 2 }),
    )
    .map(([changes, counterChanges]) => {
      const base = json(leadpingSnapshot());
      return { ...base, counters: [{ ...(base.counters as Json[])[0], ...counterChanges }], ...changes };
    });
  const entries = fc.dictionary(
    fc.oneof(fc.constantFrom('leadping', 'signeasy'), fc.string()),
    fc.oneof(mutatedSnapshot, fc.anything(), fc.constant(goodSigneasy)),
  );
  const storedValues = fc.oneof(
    fc.jsonValue(),
    fc.anything(),
    entries.map((snapshots) => ({ version: 2, snapshots })),
    fc.record({ version: fc.oneof(fc.integer(), fc.anything()), snapshots: entries }),
  );

  test('whatever is stored, under either key: load() never throws, and all it returns passes readSnapshot and renders', () => {
    fc.assert(
      fc.property(fc.constantFrom(CURRENT_KEY, LEGACY_KEY), fc.oneof(storedValues, entries), (key, stored) => {
        const { cache, dropped } = cacheOver({ [key]: stored });
        const loaded = snapshotsIn(cache, FIXED_NOW);
        for (const snapshot of loaded) {
          const reading = readSnapshot(snapshot, FIXED_NOW);
          assert.ok(reading.ok, reading.ok ? '' : reading.reason);
        }
        for (const [, reason] of dropped) assert.equal(typeof reason, 'string');
        renderAtStartUp(loaded);
      }),
      { numRuns: 500 },
    );
  });

  test('whatever is stored, save() leaves a current value that loads with the saved snapshot in it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(CURRENT_KEY, LEGACY_KEY), storedValues, async (key, stored) => {
        const { memento, cache } = cacheOver({ [key]: stored });
        await saveTo(cache, leadpingSnapshot(), FIXED_NOW);
        assert.equal(memento.get(LEGACY_KEY), undefined);
        assert.equal(memento.get<Json>(CURRENT_KEY)?.version, 2);
        assert.deepEqual(
          json(snapshotsIn(cache, FIXED_NOW).find((snapshot) => snapshot.serviceId === 'leadping')),
          json(leadpingSnapshot()),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('rendering a snapshot that slipped past the checks', () => {
  const leadping = inertAdapter('leadping', 'Leadping', 'LP');
  const signeasy = inertAdapter('signeasy', 'Signeasy', 'SE');
  const ERROR_TEXT = /Cannot read|null|TypeError/;

  /** A snapshot that passed the checks and was broken afterwards, as a bug elsewhere might. */
  function brokenAfterValidation(): AccountSnapshot {
    const reading = readSnapshot(json(leadpingSnapshot()), FIXED_NOW);
    assert.ok(reading.ok);
    (reading.snapshot.counters as unknown[]).push(null);
    return reading.snapshot;
  }

  function flatten(row: Row): string[] {
    return [row.label, row.description ?? '', row.tooltip ?? '', ...(row.children ?? []).flatMap(flatten)];
  }

  test('the tree shows one error row that opens the log for that service; the other service still renders', () => {
    const errors: unknown[] = [];
    const context = { now: FIXED_NOW, locale: 'en-US' };
    const broken = signedInState('leadping', { snapshot: brokenAfterValidation(), fromCache: true });
    const fine = signedInState('signeasy', { snapshot: signeasySnapshot() });
    assert.throws(() => serviceRow(leadping, broken, context), 'the unguarded rows do throw: the guard is what this tests');

    const rows = [
      serviceRowOrError(leadping, broken, context, (error) => errors.push(error)),
      serviceRowOrError(signeasy, fine, context, (error) => errors.push(error)),
    ];
    const [errorRow, signeasyRow] = rows;
    assert.equal(errorRow?.id, 'leadping');
    assert.equal(errorRow?.label, 'Leadping');
    assert.equal(errorRow?.description, 'Could not show this account: see the log');
    assert.equal(errorRow?.children, undefined);
    assert.deepEqual(errorRow?.command, { command: 'accountGlance.showLog', title: 'Show log' });
    assert.equal(errorRow?.contextValue, 'service.signedIn', 'refresh and remove token stay in its menu');
    for (const text of flatten(errorRow!)) assert.doesNotMatch(text, ERROR_TEXT, 'the error itself goes to the log only');

    assert.deepEqual(signeasyRow, serviceRow(signeasy, fine, context));
    assert.equal(errors.length, 1);
    assert.ok(errors[0] instanceof TypeError);
  });

  test('serviceRowOrError() without onError still shows the error row', () => {
    const broken = signedInState('leadping', { snapshot: brokenAfterValidation() });
    assert.equal(serviceRowOrError(leadping, broken, { now: FIXED_NOW }).description, 'Could not show this account: see the log');
  });

  test('the status bar shows a plain warning, nothing from the data or the error', () => {
    const errors: unknown[] = [];
    const input: GlanceInput = {
      adapters: [leadping, signeasy],
      states: [
        { accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: brokenAfterValidation() },
        { accountKey: 'signeasy', serviceId: 'signeasy', signedIn: true, refreshing: false, snapshot: signeasySnapshot() },
      ],
      settings: { enabled: true, services: ['leadping', 'signeasy'], counters: {}, lowCredit: {} },
      now: FIXED_NOW,
      locale: 'en-US',
    };
    assert.throws(() => describeGlance(input), 'the unguarded glance does throw: the guard is what this tests');
    const view = glanceOrUndrawable(
      () => describeGlance(input),
      (error) => errors.push(error),
    );
    assert.deepEqual(view, undrawableGlance());
    assert.equal(view.undrawable, true, 'so a click opens the log');
    assert.equal(view.visible, true);
    assert.equal(view.text, '$(warning) Account Glance');
    assert.match(view.tooltip, /could not draw .* log/);
    for (const text of [view.text, view.tooltip, view.accessibilityLabel]) assert.doesNotMatch(text, ERROR_TEXT);
    assert.equal(errors.length, 1);
  });

  test('glanceOrUndrawable() passes a good view through untouched', () => {
    const view = describeGlance({
      adapters: [leadping],
      states: [{ accountKey: 'leadping', serviceId: 'leadping', signedIn: true, refreshing: false, snapshot: leadpingSnapshot() }],
      settings: { enabled: true, services: ['leadping'], counters: {}, lowCredit: {} },
      now: FIXED_NOW,
    });
    assert.equal(
      glanceOrUndrawable(
        () => view,
        () => assert.fail('no error'),
      ),
      view,
    );
  });
});

/** Saves a snapshot as its service's first account's, the key every single-account release used. */
function saveTo(cache: SnapshotCache, snapshot: AccountSnapshot, now?: number): Thenable<void> {
  return cache.save(snapshot.serviceId, snapshot, now);
}

/** The loaded snapshots alone, after checking each is stored under its service's first account's key. */
function snapshotsIn(cache: SnapshotCache, now?: number): AccountSnapshot[] {
  return cache.load(now).map(([accountKey, snapshot]) => {
    assert.equal(accountKey, snapshot.serviceId);
    return snapshot;
  });
}

describe('writes gathered into one', () => {
  test('a refresh of 20 accounts is one globalState update, not 20; a read before it sees every save', async () => {
    const { memento, cache } = cacheOver({});
    const saves = Array.from({ length: 20 }, (_, index) => {
      const key = index === 0 ? 'leadping' : `leadping~${index.toString(16).padStart(8, '0')}`;
      return cache.save(key, leadpingSnapshot(), FIXED_NOW);
    });
    assert.equal(cache.load(FIXED_NOW).length, 20, 'what is not written yet is read');
    await Promise.all(saves);
    assert.equal(memento.updates, 1);
    assert.equal(Object.keys((memento.get<Json>(CURRENT_KEY) as { snapshots: Json }).snapshots).length, 20);
  });

  test("another window's write while saves gather is kept: only this window's changes go on top", async () => {
    const { memento, cache } = cacheOver(current({ signeasy: goodSigneasy }));
    const saving = cache.save('leadping', leadpingSnapshot(), FIXED_NOW);
    // Another window removes Signeasy's entry and adds a second Leadping account meanwhile.
    await memento.update(CURRENT_KEY, { version: 2, snapshots: { 'leadping~00000002': json(leadpingSnapshot()) } });
    await saving;
    assert.deepEqual(Object.keys((memento.get<Json>(CURRENT_KEY) as { snapshots: Json }).snapshots).sort(), [
      'leadping',
      'leadping~00000002',
    ]);
  });
});
