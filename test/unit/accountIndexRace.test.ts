// The list of accounts when several windows change it at once: each AccountIndex over one shared
// SecretStorage (test/support/sharedSecrets.ts), whose reads and writes take a random few
// milliseconds and whose change events reach every window. Writes cross, and one window's write
// drops another's change; once the windows settle, nothing added is missing, nothing removed is
// back, and the latest label and pin stand: in the stored record, in each window's read, and in
// what each window's listener (with its own changes) has told it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountDetails } from '../../src/core/refresh/accountRefresher';
import { AccountIndex, cleanDetails, type AccountEntries } from '../../src/storage/accountIndex';
import { FIXED_NOW } from '../support/clock';
import { SharedSecrets, seededRandom } from '../support/sharedSecrets';

const KEY = 'accountGlance.accounts';
const DAY_MS = 24 * 60 * 60 * 1000;

/** One VS Code window: its AccountIndex, and the entries it believes, as AccountBook keeps them. */
interface Window {
  readonly index: AccountIndex;
  readonly view: Map<string, AccountDetails>;
  readonly errors: unknown[];
}

function openWindow(shared: SharedSecrets, now: () => number): Window {
  const window: Window = { index: new AccountIndex(shared.window(), now), view: new Map(), errors: [] };
  window.index.onDidChangeElsewhere(
    (entries) => replace(window.view, entries),
    (error) => window.errors.push(error),
  );
  return window;
}

/** Changes the list in `window`, and what it believes once the change is made. */
async function change(window: Window, accountKey: string, details: AccountDetails | undefined): Promise<void> {
  await window.index.update(accountKey, details);
  if (details) window.view.set(accountKey, cleanDetails(details));
  else window.view.delete(accountKey);
}

function replace(target: Map<string, AccountDetails>, entries: AccountEntries): void {
  target.clear();
  for (const [accountKey, details] of entries) target.set(accountKey, details);
}

const sorted = (entries: AccountEntries) => [...entries].sort(([a], [b]) => a.localeCompare(b));
const added = (window: number, round: number) => `leadping~w${window}r${round}`;

/** What the stored record says, read as the release before the stamps read it: live entries only. */
function storedRecord(shared: SharedSecrets): { entries: AccountEntries; removed: string[] } {
  const record = JSON.parse(shared.values.get(KEY) ?? '{}') as {
    version?: unknown;
    accounts?: Record<string, { label?: unknown; pinned?: unknown }>;
    removed?: Record<string, unknown>;
  };
  assert.equal(record.version, 1, 'still the version the previous release reads');
  const entries = new Map(Object.entries(record.accounts ?? {}).map(([accountKey, details]) => [accountKey, cleanDetails(details)]));
  return { entries, removed: Object.keys(record.removed ?? {}).sort() };
}

/**
 * One round, in every window at once. Each window adds an account; labels and pins the account
 * the next window added a round ago; relabels (unpinned) its own account from two rounds ago,
 * which the window before it pinned a round ago; removes the account the next window added three
 * rounds ago. All label the first Leadping account; one window changes or removes Signeasy's.
 * Within a round no two windows change the same account, but for that one label, so the outcome is
 * known: `expected` gets it.
 */
async function playRound(windows: readonly Window[], round: number, expected: Map<string, AccountDetails>): Promise<void> {
  const count = windows.length;
  const steps = windows.map((_, at) => {
    const next = (at + 1) % count;
    const plan: [string, AccountDetails | undefined][] = [[added(at, round), { label: `added by ${at} in ${round}` }]];
    if (round >= 1) plan.push([added(next, round - 1), { label: `${at} in ${round}`, pinned: true }]);
    if (round >= 2) plan.push([added(at, round - 2), { label: `back to ${at} in ${round}` }]);
    if (round >= 3) plan.push([added(next, round - 3), undefined]);
    if (round % count === at)
      plan.push(['signeasy', round % 3 === 2 ? undefined : { label: `Signeasy ${round}`, pinned: round % 2 === 0 }]);
    plan.push(['leadping', { label: `${at} in ${round}` }]);
    return plan;
  });
  await Promise.all(
    windows.map(async (window, at) => {
      for (const [accountKey, details] of steps[at] ?? []) await change(window, accountKey, details);
    }),
  );
  for (const [accountKey, details] of steps.flat()) {
    if (details) expected.set(accountKey, cleanDetails(details));
    else expected.delete(accountKey);
  }
}

async function race(windowCount: number, rounds: number, seed: number): Promise<void> {
  const shared = new SharedSecrets(seededRandom(seed));
  // One clock for every window, as on one machine, but one that never gives the same time twice:
  // a round's change is later than the last round's even when both fall in one millisecond.
  let time = FIXED_NOW;
  const now = () => ++time;
  const windows = Array.from({ length: windowCount }, () => openWindow(shared, now));
  const expected = new Map<string, AccountDetails>();
  for (let round = 0; round < rounds; round++) await playRound(windows, round, expected);
  await shared.settled();

  const stored = storedRecord(shared);
  const lastLabel = stored.entries.get('leadping')?.label ?? '';
  assert.match(lastLabel, new RegExp(` in ${rounds - 1}$`), 'the first account carries a label from the last round');
  expected.set('leadping', { label: lastLabel });
  const want = sorted(expected);
  assert.deepEqual(sorted(stored.entries), want, 'the stored record');
  const removed = Array.from({ length: rounds - 3 }, (_, round) => windows.map((_, at) => added((at + 1) % windowCount, round))).flat();
  assert.ok(
    removed.every((accountKey) => stored.removed.includes(accountKey)),
    'each removal is remembered',
  );
  for (const [at, window] of windows.entries()) {
    assert.deepEqual(window.errors, [], `window ${at}: no error`);
    assert.deepEqual(sorted(await window.index.read()), want, `window ${at} reads it`);
    assert.deepEqual(sorted(window.view), want, `window ${at} was told it`);
  }
}

test('two windows changing the list at once for 100 rounds lose nothing: no addition missing, no removal back, the latest label and pin', async () => {
  await race(2, 100, 20261122);
});

test('three windows changing the list at once for 100 rounds lose nothing either', async () => {
  await race(3, 100, 7);
});

test('a write that crossed this window’s drops its change: the window puts it back, and puts back a removal too', async () => {
  const shared = new SharedSecrets(seededRandom(3));
  let time = FIXED_NOW;
  const now = () => ++time;
  const mine = openWindow(shared, now);
  await change(mine, 'leadping~b2', { label: 'Client B' });
  await shared.settled();
  const before = shared.values.get(KEY) ?? '';
  await change(mine, 'leadping~c3', { pinned: true });
  await change(mine, 'leadping~b2', undefined);
  await shared.settled();
  shared.set(KEY, before); // another window's write, made from what it read before ours landed
  await shared.settled();
  assert.deepEqual(sorted(storedRecord(shared).entries), [['leadping~c3', { pinned: true }]]);
  assert.deepEqual(storedRecord(shared).removed, ['leadping~b2']);
  assert.deepEqual(sorted(mine.view), [['leadping~c3', { pinned: true }]]);
});

test('a record in the previous release’s shape still reads, its junk left out, and the previous release reads what is written now', async () => {
  const shared = new SharedSecrets(seededRandom(4));
  shared.set(
    KEY,
    JSON.stringify({
      version: 1,
      accounts: {
        'leadping~b2': { label: '  Client\nA  ', pinned: true },
        'bad key': {},
        'signeasy~c3': 'not an object',
        signeasy: { label: 7, pinned: 'yes' },
      },
    }),
  );
  const index = new AccountIndex(shared.window());
  assert.deepEqual(sorted(await index.read()), [
    ['leadping~b2', { label: 'Client A', pinned: true }],
    ['signeasy', {}],
  ]);
  await index.update('leadping~e5', { label: 'Client E' });
  await index.update('signeasy', undefined);
  assert.deepEqual(sorted(storedRecord(shared).entries), [
    ['leadping~b2', { label: 'Client A', pinned: true }],
    ['leadping~e5', { label: 'Client E' }],
  ]);
  assert.deepEqual(storedRecord(shared).removed, ['signeasy']);
});

test('junk in the stamps and tombstones is left out: an unreadable or far-future stamp counts as the oldest, an unreadable removal as none', async () => {
  const shared = new SharedSecrets(seededRandom(5));
  shared.set(
    KEY,
    JSON.stringify({
      version: 1,
      accounts: {
        'leadping~b2': { label: 'B', at: 'yesterday' },
        'leadping~c3': { at: -5 },
        'leadping~d4': { pinned: true, at: 1e300 },
        'leadping~e5': { label: 'E', at: Date.now() + 400 * DAY_MS },
      },
      removed: { 'leadping~b2': 'soon', 'bad key': 5, 'leadping~f6': 1.5, 'leadping~d4': 3, 'leadping~e5': 4 },
    }),
  );
  const index = new AccountIndex(shared.window());
  assert.deepEqual(sorted(await index.read()), [
    ['leadping~b2', { label: 'B' }],
    ['leadping~c3', {}],
  ]);
  for (const stored of ['{', '[]', JSON.stringify({ version: 2, accounts: { 'leadping~b2': {} } })]) {
    shared.set(KEY, stored);
    assert.equal((await index.read()).size, 0, stored);
  }
});

test('a write by the previous release stands: a window does not put back what it dropped', async () => {
  const shared = new SharedSecrets(seededRandom(6));
  const window = openWindow(shared, Date.now);
  await change(window, 'leadping~b2', { label: 'Client B' });
  await change(window, 'leadping~c3', { pinned: true });
  await shared.settled();
  const previousRelease = JSON.stringify({ version: 1, accounts: { 'leadping~c3': {} } });
  shared.set(KEY, previousRelease);
  await shared.settled();
  assert.equal(shared.values.get(KEY), previousRelease, 'not rewritten');
  assert.deepEqual(sorted(window.view), [['leadping~c3', {}]], 'the window follows it');
  assert.deepEqual(sorted(await window.index.read()), [['leadping~c3', {}]]);
});

test('a removal is remembered for 30 days, then left out of the record', async () => {
  const shared = new SharedSecrets(seededRandom(8));
  let time = FIXED_NOW;
  const index = new AccountIndex(shared.window(), () => time);
  await index.update('leadping~b2', { label: 'Client B' });
  await index.update('leadping~b2', undefined);
  time += 29 * DAY_MS;
  await index.update('leadping~c3', {});
  assert.deepEqual(storedRecord(shared).removed, ['leadping~b2']);
  time += 2 * DAY_MS;
  await index.update('leadping~d4', {});
  assert.deepEqual(storedRecord(shared).removed, []);
  assert.deepEqual(sorted(storedRecord(shared).entries), [
    ['leadping~c3', {}],
    ['leadping~d4', {}],
  ]);
});
