// The credit-history store: one file per account under the extension's global storage, records
// that never lose each other when they overlap, stored damage reported and replaced rather than
// thrown, nothing read before it is asked for, and the history earlier releases kept in
// globalState moved into the files once.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type * as vscode from 'vscode';
import { MAX_HISTORY_JSON_LENGTH, recordSnapshot, samplesOf } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import { CreditHistoryStore } from '../../src/storage/creditHistoryStore';
import { HistoryFiles } from '../../src/storage/historyFiles';
import type { KeyValueState } from '../../src/storage/serialState';
import { HISTORY_START, HOUR_MS, historyOf, json, snapshotAt } from '../support/historyBuilder';
import { MemoryState } from '../support/memoryState';

/** The stored names are a contract with past and future releases, so the tests spell them out. */
const LEADPING_FILE = 'leadping.json';
const SIGNEASY_FILE = 'signeasy.json';
/** Where releases before the files kept an account's history. */
const LEGACY_LEADPING_KEY = 'accountGlance.history.leadping';
const LEGACY_SIGNEASY_KEY = 'accountGlance.history.signeasy';

let folder: string;
beforeEach(async () => {
  folder = join(await mkdtemp(join(tmpdir(), 'history-store-')), 'creditHistory');
});
afterEach(async () => {
  await rm(join(folder, '..'), { recursive: true, force: true });
});

/** Files whose next write can be made to fail, as a full disk would, and that count their reads. */
class FlakyFiles extends HistoryFiles {
  failNextWrite = false;
  reads = 0;
  override read(accountKey: string): ReturnType<HistoryFiles['read']> {
    this.reads++;
    return super.read(accountKey);
  }
  override write(accountKey: string, value: unknown): Promise<string> {
    if (!this.failNextWrite) return super.write(accountKey, value);
    this.failNextWrite = false;
    return Promise.reject(new Error('disk full'));
  }
}

function storeOver(options: { files?: Readonly<Record<string, string>>; legacy?: Readonly<Record<string, unknown>> } = {}) {
  const files = new FlakyFiles(folder);
  const legacy = new MemoryState(options.legacy ?? {});
  const dropped: [string, string][] = [];
  const notMoved: string[] = [];
  const store = new CreditHistoryStore(files, {
    onDropped: (accountKey, reason) => dropped.push([accountKey, reason]),
    movedFrom: legacy,
    onNotMoved: (accountKey) => notMoved.push(accountKey),
  });
  const seeded = Promise.all(
    Object.entries(options.files ?? {}).map(async ([name, text]) => {
      await mkdir(folder, { recursive: true });
      await writeFile(join(folder, name), text);
    }),
  );
  return { files, legacy, store, dropped, notMoved, seeded };
}

async function stored(name: string): Promise<unknown> {
  return JSON.parse(await readFile(join(folder, name), 'utf8')) as unknown;
}

async function namesInFolder(): Promise<string[]> {
  return (await readdir(folder).catch(() => [])).sort();
}

const balanceAt = (hours: number, balance: number) => snapshotAt(HISTORY_START + hours * HOUR_MS, { balance });
const values = (history: AccountHistory | undefined) => samplesOf(history, 'balance').map((point) => point.value);

describe('CreditHistoryStore', () => {
  test('record() writes the account’s history to its own file; read() gives it back; delete() removes the file', async () => {
    const { store, dropped } = storeOver();
    const written = await store.record('leadping', balanceAt(0, 100));
    await store.record('leadping', balanceAt(1, 90));
    await store.record('signeasy', snapshotAt(HISTORY_START, { envelopesAvailable: 40 }));
    assert.deepEqual(await namesInFolder(), [LEADPING_FILE, SIGNEASY_FILE], 'one file per account, no temporary file left');
    assert.deepEqual(written, {
      version: 1,
      counters: { balance: { unit: { kind: 'money', currency: 'USD' }, daily: [], hourly: [], raw: [[HISTORY_START, 100]] } },
    });
    assert.deepEqual(values(await store.read('leadping')), [100, 90]);
    assert.deepEqual(await store.read('leadping'), await stored(LEADPING_FILE));

    await store.delete('leadping');
    assert.equal(await store.read('leadping'), undefined);
    assert.deepEqual(await namesInFolder(), [SIGNEASY_FILE]);
    assert.deepEqual(dropped, []);
  });

  test('file names: a further account’s key as it is; anything beyond [a-z0-9_~-] escaped, so no two keys share a file on a case-insensitive disk', () => {
    const files = new HistoryFiles(folder);
    const name = (accountKey: string) => files.fileOf(accountKey).slice(folder.length + 1);
    assert.equal(name('leadping~0dd0dd0d'), 'leadping~0dd0dd0d.json');
    assert.equal(name('My.Service'), '%4Dy%2E%53ervice.json');
    assert.notEqual(name('myservice').toLowerCase(), name('MyService').toLowerCase());
    assert.equal(name('..'), '%2E%2E.json');
  });

  test('opening the store reads nothing: no file, no globalState key, until the history is asked for', async () => {
    const legacy = new MemoryState({ [LEGACY_LEADPING_KEY]: historyOf([[HISTORY_START, 5]]) });
    let reads = 0;
    const counting: KeyValueState = {
      get: (key) => (reads++, legacy.get(key)),
      update: (k, v) => legacy.update(k, v),
      keys: () => (reads++, legacy.keys()),
    };
    const store = new CreditHistoryStore(new HistoryFiles(folder), { movedFrom: counting });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(reads, 0);
    assert.deepEqual(await namesInFolder(), []);
    assert.deepEqual(values(await store.read('leadping')), [5]);
  });

  test('delete() of an account with nothing stored is fine', async () => {
    const { store } = storeOver();
    await store.delete('leadping');
    assert.deepEqual(await namesInFolder(), []);
  });

  test('overlapping records of one account all land, in the order they were asked for', async () => {
    const { store } = storeOver();
    await Promise.all(Array.from({ length: 20 }, (_, hour) => store.record('leadping', balanceAt(hour, 1000 - hour))));
    assert.deepEqual(
      values(await store.read('leadping')),
      Array.from({ length: 20 }, (_, hour) => 1000 - hour),
    );
  });

  test('a delete asked for after a record runs after it', async () => {
    const { store } = storeOver();
    const recording = store.record('leadping', balanceAt(0, 100));
    const deleting = store.delete('leadping');
    await Promise.all([recording, deleting]);
    assert.deepEqual(await namesInFolder(), []);
  });

  test('a failed write rejects that record only; the next one still runs and reads what was stored before', async () => {
    const { files, store } = storeOver();
    await store.record('leadping', balanceAt(0, 100));
    files.failNextWrite = true;
    const failing = store.record('leadping', balanceAt(1, 90));
    const next = store.record('leadping', balanceAt(2, 80));
    await assert.rejects(failing, /disk full/);
    await next;
    assert.deepEqual(values(await store.read('leadping')), [100, 80]);
  });

  for (const [name, text] of [
    ['an empty file', ''],
    ['half a file', JSON.stringify(historyOf([[HISTORY_START, 5]])).slice(0, 40)],
    ['a string', '"garbage"'],
    ['an unknown version', JSON.stringify({ version: 0, counters: {} })],
    [
      'a counter with a bad unit',
      JSON.stringify({ version: 1, counters: { balance: { unit: { kind: 'money' }, raw: [[HISTORY_START, 5]] } } }),
    ],
    [
      'a sample that is not numbers',
      JSON.stringify({ version: 1, counters: { balance: { unit: { kind: 'money', currency: 'USD' }, raw: [['x', 5]] } } }),
    ],
  ] as const) {
    test(`damage (${name}) loses that account’s history at most: reported with the account key, never thrown, replaced by the next record`, async () => {
      const sound = JSON.stringify(historyOf([[HISTORY_START, 7]]));
      const { store, dropped, seeded } = storeOver({ files: { [LEADPING_FILE]: text, [SIGNEASY_FILE]: sound } });
      await seeded;
      assert.equal(values(await store.read('leadping')).length, 0);
      assert.deepEqual(values(await store.read('signeasy')), [7], 'the other account’s history is whole');
      assert.equal(dropped.length, 1);
      assert.equal(dropped[0]?.[0], 'leadping');
      assert.ok(dropped[0]?.[1]);
      assert.doesNotMatch(dropped[0]?.[1] ?? '', /garbage/, 'the reason never quotes the stored value');
      await store.record('leadping', balanceAt(0, 100));
      assert.deepEqual(await stored(LEADPING_FILE), {
        version: 1,
        counters: { balance: { unit: { kind: 'money', currency: 'USD' }, daily: [], hourly: [], raw: [[HISTORY_START, 100]] } },
      });
      dropped.length = 0;
      await store.read('leadping');
      assert.deepEqual(dropped, [], 'the replaced file reads clean');
    });
  }

  test('a newer version’s history is not read, left as it is by read(), and replaced by the next record', async () => {
    const newer = JSON.stringify({ version: 2, counters: { balance: { samples: 'compressed' } } });
    const { store, dropped, seeded } = storeOver({ files: { [LEADPING_FILE]: newer } });
    await seeded;
    assert.equal(await store.read('leadping'), undefined);
    assert.match(dropped[0]?.[1] ?? '', /newer version/);
    assert.equal(await readFile(join(folder, LEADPING_FILE), 'utf8'), newer);
    await store.record('leadping', balanceAt(0, 100));
    assert.equal(((await stored(LEADPING_FILE)) as AccountHistory).version, 1);
  });

  test('a file that cannot be read at all (a folder in its place), and an onDropped that throws, do not make read() reject', async () => {
    await mkdir(join(folder, LEADPING_FILE), { recursive: true });
    const store = new CreditHistoryStore(new HistoryFiles(folder), {
      onDropped: () => {
        throw new Error('broken log');
      },
    });
    assert.equal(await store.read('leadping'), undefined);
  });

  test('what is written fits MAX_HISTORY_JSON_LENGTH even for numbers no service sends', async () => {
    // Two counters hourly for 40 days, at 1e300: far over the limit, though within the count caps.
    let oversized: AccountHistory | undefined;
    for (let hour = 0; hour < 960; hour++) {
      const huge = (hour % 2 === 0 ? 1 : -1) * 1.2345678901234567e300;
      oversized = recordSnapshot(oversized, snapshotAt(HISTORY_START + hour * HOUR_MS, { balance: huge, credits: -huge }));
    }
    assert.ok(JSON.stringify(oversized).length > MAX_HISTORY_JSON_LENGTH);
    const { store, dropped, seeded } = storeOver({ files: { [LEADPING_FILE]: JSON.stringify(json(oversized)) } });
    await seeded;
    await store.record('leadping', snapshotAt(HISTORY_START + 960 * HOUR_MS, { balance: 1, credits: 2 }));
    const length = (await readFile(join(folder, LEADPING_FILE), 'utf8')).length;
    assert.ok(length <= MAX_HISTORY_JSON_LENGTH && length > MAX_HISTORY_JSON_LENGTH / 2, `${length} characters`);
    assert.deepEqual(dropped, [], 'a sound value over the length is not damage');
  });

  test('a record builds on what another window wrote to the file since; while nobody else writes, the file is not read again', async () => {
    const { files, store } = storeOver();
    const otherWindow = new CreditHistoryStore(new HistoryFiles(folder));
    await store.record('leadping', balanceAt(0, 100));
    await store.record('leadping', balanceAt(1, 90));
    assert.equal(files.reads, 1, 'only the first record read the file');
    await otherWindow.record('leadping', balanceAt(2, 80));
    await store.record('leadping', balanceAt(3, 70));
    assert.deepEqual(values(await otherWindow.read('leadping')), [100, 90, 80, 70]);
    await rm(join(folder, LEADPING_FILE));
    assert.equal(await store.read('leadping'), undefined, 'a file removed by another window is gone here too');
  });

  test('the first use removes temporary files a stopped process left behind, not one another window is writing now', async () => {
    const now = Date.now();
    await mkdir(folder, { recursive: true });
    const leftover = '.write-4242-0a1b2c3d4e5f.tmp';
    const underWay = '.write-4343-abcdefabcdef.tmp';
    const notOurs = 'notes.tmp';
    for (const name of [leftover, underWay, notOurs]) await writeFile(join(folder, name), '{"version":');
    const elevenMinutesAgo = new Date(now - 11 * 60_000);
    for (const name of [leftover, notOurs]) await utimes(join(folder, name), elevenMinutesAgo, elevenMinutesAgo);
    const removed: number[] = [];
    const store = new CreditHistoryStore(new HistoryFiles(folder), { now: () => now, onLeftoversRemoved: (count) => removed.push(count) });
    assert.deepEqual((await namesInFolder()).sort(), [leftover, underWay, notOurs].sort(), 'opening the store touches no file');
    await store.record('leadping', balanceAt(0, 100));
    assert.deepEqual((await namesInFolder()).sort(), [LEADPING_FILE, underWay, notOurs].sort());
    assert.deepEqual(removed, [1]);
    await store.record('leadping', balanceAt(1, 90));
    assert.deepEqual(removed, [1], 'looked for once a session');
  });

  test('vscode.Memento is a KeyValueState (checked by the compiler)', () => {
    const asState = (memento: vscode.Memento): KeyValueState => memento;
    assert.equal(typeof asState, 'function');
  });
});

describe('History kept in globalState by earlier releases', () => {
  test('moves into the files at the first use, once: every account’s, as it was stored, and leaves globalState', async () => {
    const leadping = historyOf([
      [HISTORY_START, 100],
      [HISTORY_START + HOUR_MS, 90],
    ]);
    const signeasy = historyOf([[HISTORY_START, 40]]);
    const { store, legacy, dropped, notMoved } = storeOver({
      legacy: {
        [LEGACY_LEADPING_KEY]: json(leadping),
        [LEGACY_SIGNEASY_KEY]: json(signeasy),
        'accountGlance.snapshotCache': { version: 2 },
      },
    });
    assert.deepEqual(values(await store.read('leadping')), [100, 90]);
    assert.deepEqual(await namesInFolder(), [LEADPING_FILE, SIGNEASY_FILE]);
    assert.deepEqual(await stored(SIGNEASY_FILE), json(signeasy));
    assert.deepEqual(legacy.keys(), ['accountGlance.snapshotCache'], 'only small state is left in globalState');
    const updates = legacy.updates;
    await store.record('leadping', balanceAt(2, 80));
    assert.deepEqual(values(await store.read('leadping')), [100, 90, 80]);
    assert.equal(legacy.updates, updates, 'moved once: globalState is not touched again');
    assert.deepEqual([dropped, notMoved], [[], []]);
  });

  test('a file already there (another window moved it, or recorded since) is kept; the globalState copy still leaves', async () => {
    const { store, legacy, seeded } = storeOver({
      files: { [LEADPING_FILE]: JSON.stringify(historyOf([[HISTORY_START, 1]])) },
      legacy: { [LEGACY_LEADPING_KEY]: json(historyOf([[HISTORY_START, 2]])) },
    });
    await seeded;
    assert.deepEqual(values(await store.read('leadping')), [1]);
    assert.deepEqual(legacy.keys(), []);
  });

  test('damage moves as it was and is reported at the first read, for that account only; a key no account can have is let go', async () => {
    const { store, legacy, dropped } = storeOver({
      legacy: {
        [LEGACY_LEADPING_KEY]: 'garbage',
        [LEGACY_SIGNEASY_KEY]: json(historyOf([[HISTORY_START, 40]])),
        'accountGlance.history.../../escape': json(historyOf([[HISTORY_START, 1]])),
      },
    });
    assert.equal(await store.read('leadping'), undefined);
    assert.deepEqual(values(await store.read('signeasy')), [40]);
    assert.deepEqual(
      dropped.map(([accountKey]) => accountKey),
      ['leadping'],
    );
    assert.deepEqual(legacy.keys(), []);
    assert.deepEqual(await namesInFolder(), [LEADPING_FILE, SIGNEASY_FILE]);
  });

  test('a value that cannot leave globalState stays there for the next start, said once; the history is read from its file all the same', async () => {
    const { store, legacy, notMoved } = storeOver({ legacy: { [LEGACY_LEADPING_KEY]: json(historyOf([[HISTORY_START, 5]])) } });
    legacy.failNextUpdate = true;
    assert.deepEqual(values(await store.read('leadping')), [5]);
    assert.deepEqual(notMoved, ['leadping']);
    assert.deepEqual(legacy.keys(), [LEGACY_LEADPING_KEY]);
    // The next start finds the file and keeps it: what was recorded meanwhile is not undone.
    await store.record('leadping', balanceAt(1, 4));
    const nextStart = new CreditHistoryStore(new HistoryFiles(folder), { movedFrom: legacy });
    assert.deepEqual(values(await nextStart.read('leadping')), [5, 4]);
    assert.deepEqual(legacy.keys(), []);
  });
});
