// The seeded profile of issue 24: 20 accounts (Leadping and Signeasy alternately), each with a year
// of credit history, through the extension's own stores (openStores: globalState through
// SerialState, the history files) and its refresher and data keeper, against the fake servers in a
// separate process with a fixed latency. Run by `npm run bench`, or alone:
//   node --import tsx test/bench/historyScale.ts [--runs 15] [--latency 50] [--seed-folder DIR]
// Prints one JSON object (HistoryScaleFigures) on stdout.
//
// globalState is a memento that behaves as VS Code's does where it costs: every update hands the
// extension's whole state to be stored (ExtHostMemento.update → setValue(id, this._value)), and
// every start loads all of it. The profile starts as releases before the history files left it
// (each year of history in globalState), so its first refresh also moves the history out.
//
// Figures: the bytes of state VS Code loads for Account Glance at start, before (history in
// globalState) and after the move; the bytes one full refresh of the 20 accounts hands to
// globalState, counted whole per update, and the bytes it writes to history files; what that
// refresh would have handed over with the history still in globalState (the same updates, plus one
// per history record, each carrying the whole state); and a refresh of 20 seeded accounts ÷ one of
// 1, each until its snapshots are cached, its alerts decided and its history recorded.
// --seed-folder DIR also writes the 20 years of history there as the extension's history files,
// for the activation benchmark's profile: it signs in 20 accounts and copies these, service by
// service, over the files the extension made for them (their keys are drawn at sign-in).
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { activeConditions, decideAlerts, readAlertSettings } from '../../src/core/alerts/alertCrossings';
import { recordSnapshot } from '../../src/core/history/creditHistory';
import type { AccountHistory } from '../../src/core/history/historySchema';
import type { AccountSnapshot } from '../../src/core/model';
import { AccountFetcher } from '../../src/core/http/accountFetcher';
import { AccountRefresher } from '../../src/core/refresh/accountRefresher';
import { retryDelayMs } from '../../src/core/refresh/retryPolicy';
import { leadpingAdapter } from '../../src/core/services/leadping';
import { signeasyAdapter } from '../../src/core/services/signeasy';
import { AccountDataKeeper } from '../../src/storage/accountDataKeeper';
import { AccountForecasts } from '../../src/storage/accountForecasts';
import { AlertMemoryStore } from '../../src/storage/alertMemoryStore';
import { HistoryFiles } from '../../src/storage/historyFiles';
import type { KeyValueState } from '../../src/storage/serialState';
import { historyFolder, openStores } from '../../src/storage/stores';
import { FAKE_TOKENS } from '../fake-server';
import { launchFakeServer } from '../fake-server/launch.mjs';
import { parseCommandLine } from '../harness/command-line.mjs';
import { connectionTo } from '../support/connection';
import { leadpingSnapshot, signeasySnapshot } from '../support/snapshotBuilder';

const ACCOUNTS = 20;
const REFRESH_EVERY_MS = 15 * 60_000;
const YEAR_MS = 365 * 86_400_000;
/** Where releases before the history files kept each account's history. */
const LEGACY_HISTORY_PREFIX = 'accountGlance.history.';

/** globalState as VS Code keeps it: each update hands the whole state over; a start loads all of it. */
class WholeStateMemento implements KeyValueState {
  private readonly values = new Map<string, unknown>();
  updates = 0;
  handedBytes = 0;

  get(key: string): unknown {
    return this.values.get(key);
  }

  update(key: string, value: unknown): Promise<void> {
    // Kept as handed over (the stores never change a value they wrote); bytes() serialises it as VS Code does.
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.updates++;
    this.handedBytes += this.bytes();
    return Promise.resolve();
  }

  keys(): readonly string[] {
    return [...this.values.keys()];
  }

  /** The whole state as JSON, in bytes: what a start loads and an update hands over. */
  bytes(extra: Readonly<Record<string, unknown>> = {}): number {
    return Buffer.byteLength(JSON.stringify({ ...Object.fromEntries(this.values), ...extra }));
  }
}

/** Account keys as the extension makes them: each service's first account by its id, further ones `<id>~<suffix>`. */
function accountKeys(count: number): { key: string; service: 'leadping' | 'signeasy'; index: number }[] {
  return Array.from({ length: count }, (_, at) => {
    const index = at + 1;
    const service = index % 2 === 1 ? 'leadping' : 'signeasy';
    return { key: index <= 2 ? service : `${service}~${index.toString(16).padStart(8, '0')}`, service, index };
  });
}

/**
 * A year of 15-minute refreshes of the service's headline counter, ending a refresh ago: Leadping's
 * balance spent down and topped up by auto-refill, Signeasy's envelopes used and renewed monthly.
 */
function yearOfHistory(service: 'leadping' | 'signeasy', now: number): AccountHistory {
  let history: AccountHistory | undefined;
  for (let at = now - YEAR_MS; at < now; at += REFRESH_EVERY_MS) {
    const step = Math.floor((at - (now - YEAR_MS)) / REFRESH_EVERY_MS);
    const snapshot =
      service === 'leadping'
        ? leadpingSnapshot({ balance: Math.round((50 - ((step * 0.37) % 45)) * 100) / 100, fetchedAt: at })
        : signeasySnapshot({ envelopes: 2_000 - Math.round((step % 2_880) * 0.6), fetchedAt: at });
    history = recordSnapshot(history, snapshot);
  }
  if (!history) throw new Error('No history was made.');
  return history;
}

interface Profile {
  readonly memento: WholeStateMemento;
  readonly folder: string;
  readonly refresher: AccountRefresher;
  /** The data keeper's work for each fresh snapshot: awaited to know a refresh is done with. */
  readonly kept: Promise<void>[];
  readonly accountKeys: readonly string[];
  readonly dispose: () => Promise<void>;
}

/** A profile of `count` accounts whose years of history are in globalState (as before the files) or already in files. */
async function openProfile(count: number, baseUrl: string, histories: Record<'leadping' | 'signeasy', AccountHistory>, inFiles: boolean) {
  const root = await mkdtemp(join(tmpdir(), 'bench-history-'));
  const memento = new WholeStateMemento();
  const keys = accountKeys(count);
  const globalStorageUri = { fsPath: root } as vscode.Uri;
  for (const { key, service } of keys) {
    if (inFiles) await new HistoryFiles(historyFolder(globalStorageUri)).write(key, histories[service]);
    else await memento.update(`${LEGACY_HISTORY_PREFIX}${key}`, histories[service]);
  }
  const secrets = {} as vscode.SecretStorage;
  const stores = openStores(secrets, memento, globalStorageUri, { warn: (message) => console.error(message) });
  const alerts = new AlertMemoryStore(stores.globalState);
  const alertSettings = readAlertSettings(() => undefined);
  const forecasts = new AccountForecasts(stores.history, () => {});
  const log = { warn: (message: string) => console.error(message) };
  const keeper = new AccountDataKeeper({
    book: { held: () => [], mergeInto: async () => {}, remove: async () => {} },
    cache: stores.cache,
    history: forecasts,
    // As the alert notifier decides (src/views/alertNotifier.ts), without showing anything.
    alerts: {
      decide: (accountKey, snapshot: AccountSnapshot) =>
        alerts.update(accountKey, (remembered) =>
          decideAlerts(remembered, activeConditions(snapshot, { lowCreditThreshold: 5, now: Date.now() }), Date.now(), alertSettings),
        ),
      forget: (accountKey) => alerts.delete(accountKey),
    },
    log,
  });
  const tokens = new Map(keys.map(({ key, service, index }) => [key, `${FAKE_TOKENS[service]}.account-${index}`]));
  const kept: Promise<void>[] = [];
  const refresher = new AccountRefresher({
    adapters: [leadpingAdapter, signeasyAdapter],
    fetcher: new AccountFetcher({ userAgent: 'AccountGlance-bench' }),
    connectionFor: async (accountKey) => {
      const token = tokens.get(accountKey);
      return token === undefined ? undefined : connectionTo(baseUrl, token);
    },
    onSnapshot: (accountKey, snapshot, previous) => kept.push(keeper.onFreshSnapshot(accountKey, snapshot, previous)),
    retryDelayMs: (error, attempt) => retryDelayMs(error, attempt, Math.random),
  });
  for (const { key } of keys) refresher.addAccount(key);
  const profile: Profile = {
    memento,
    folder: historyFolder(globalStorageUri),
    refresher,
    kept,
    accountKeys: keys.map(({ key }) => key),
    dispose: async () => {
      refresher.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
  return profile;
}

/**
 * One full refresh; resolves its time in ms until every account's fresh data is in its state (what
 * the views show: refresh() resolved) and until it is also kept (its snapshot cached, its alerts
 * decided, its history recorded and its forecast made).
 */
async function refreshAndKeep(profile: Profile): Promise<{ shownMs: number; keptMs: number }> {
  const started = performance.now();
  profile.kept.length = 0;
  await profile.refresher.refresh();
  const shownMs = performance.now() - started;
  // A refresh of several accounts hands its snapshots on once it has resolved, on the next turn.
  await new Promise((resolve) => setImmediate(resolve));
  await Promise.all(profile.kept);
  const keptMs = performance.now() - started;
  for (const state of profile.accountKeys.map((key) => profile.refresher.state(key))) {
    if (!state.snapshot || state.error)
      throw new Error(`${state.accountKey} did not load: ${JSON.stringify(state.error ?? 'no snapshot')}`);
  }
  return { shownMs, keptMs };
}

async function folderBytes(folder: string): Promise<{ files: number; bytes: number }> {
  const names = await readdir(folder);
  const sizes = await Promise.all(names.map(async (name) => (await stat(join(folder, name))).size));
  return { files: names.length, bytes: sizes.reduce((sum, size) => sum + size, 0) };
}

export interface HistoryScaleFigures {
  readonly accounts: number;
  readonly latencyMs: number;
  readonly runs: number;
  /** One year of history of one account, as JSON: Leadping's and Signeasy's. */
  readonly historyBytesPerAccount: Record<'leadping' | 'signeasy', number>;
  /** What VS Code loads for Account Glance at start with the history in globalState (before), and in files (after). */
  readonly stateAtStartBytesBefore: number;
  readonly stateAtStartBytes: number;
  /** One full refresh of the 20 accounts, history already in files: globalState updates, the bytes handed over (whole state each), and the history files it wrote. */
  readonly refreshStateUpdates: number;
  readonly refreshStateBytes: number;
  readonly refreshHistoryFiles: number;
  readonly refreshHistoryFileBytes: number;
  /** The same refresh with the history still in globalState: its updates and one per history record, each handing over the whole state. */
  readonly refreshStateBytesBefore: number;
  /** Refreshes of the seeded profile (1 and 20 accounts), in ms: until the data is shown, and until it is also kept. */
  readonly oneAccount: { readonly shownMs: number[]; readonly keptMs: number[] };
  readonly twentyAccounts: { readonly shownMs: number[]; readonly keptMs: number[] };
}

async function main(): Promise<void> {
  const { values, number } = parseCommandLine(
    'node --import tsx test/bench/historyScale.ts [--runs 15] [--latency 50] [--seed-folder DIR]',
    {
      args: process.argv.slice(2),
      options: {
        runs: { type: 'string', default: '15' },
        latency: { type: 'string', default: '50' },
        'seed-folder': { type: 'string' },
      },
    },
  );
  const runs = number('runs', { integer: true, min: 1 });
  const latencyMs = number('latency', { min: 0 });
  const now = Date.now();
  const histories = { leadping: yearOfHistory('leadping', now), signeasy: yearOfHistory('signeasy', now) };
  const seedFolder = values['seed-folder'];
  if (typeof seedFolder === 'string') {
    await mkdir(seedFolder, { recursive: true });
    const files = new HistoryFiles(seedFolder);
    for (const { key, service } of accountKeys(ACCOUNTS)) await writeFile(files.fileOf(key), JSON.stringify(histories[service]));
  }
  const server = await launchFakeServer({ latencyMs });
  try {
    // The profile as a release before the files left it: its first refresh moves the history out.
    const profile = await openProfile(ACCOUNTS, server.url, histories, false);
    const legacy = Object.fromEntries(profile.memento.keys().map((key) => [key, profile.memento.get(key)]));
    await refreshAndKeep(profile);
    const stateAtStartBefore = profile.memento.bytes(legacy);
    // A refresh like every later one: what it hands to globalState and writes to files.
    const handedBefore = profile.memento.handedBytes;
    const updatesBefore = profile.memento.updates;
    await refreshAndKeep(profile);
    const refreshStateBytes = profile.memento.handedBytes - handedBefore;
    const refreshStateUpdates = profile.memento.updates - updatesBefore;
    const written = await folderBytes(profile.folder);
    const stateAtStartBytes = profile.memento.bytes();
    const refreshStateBytesBefore = (refreshStateUpdates + ACCOUNTS) * stateAtStartBefore;
    await profile.dispose();

    const oneAccount = { shownMs: [] as number[], keptMs: [] as number[] };
    const twentyAccounts = { shownMs: [] as number[], keptMs: [] as number[] };
    const profiles = [
      { profile: await openProfile(1, server.url, histories, true), into: oneAccount },
      { profile: await openProfile(ACCOUNTS, server.url, histories, true), into: twentyAccounts },
    ];
    // Run by run in turn, each run in the other order, so that drift hits both alike.
    for (let run = 0; run < 3 + 2 * runs; run++) {
      for (const { profile, into } of run % 2 === 0 ? profiles : [...profiles].reverse()) {
        const { shownMs, keptMs } = await refreshAndKeep(profile);
        if (run < 3) continue;
        into.shownMs.push(shownMs);
        into.keptMs.push(keptMs);
      }
    }
    for (const { profile } of profiles) await profile.dispose();
    const figures: HistoryScaleFigures = {
      accounts: ACCOUNTS,
      latencyMs,
      runs: oneAccount.shownMs.length,
      historyBytesPerAccount: {
        leadping: Buffer.byteLength(JSON.stringify(histories.leadping)),
        signeasy: Buffer.byteLength(JSON.stringify(histories.signeasy)),
      },
      stateAtStartBytesBefore: stateAtStartBefore,
      stateAtStartBytes,
      refreshStateUpdates,
      refreshStateBytes,
      refreshHistoryFiles: written.files,
      refreshHistoryFileBytes: written.bytes,
      refreshStateBytesBefore,
      oneAccount,
      twentyAccounts,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
