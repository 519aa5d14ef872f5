// The last good snapshot of each account, kept in globalState so the panel and the status bar
// show something the moment VS Code starts. Snapshots hold no token by construction.
//
// What is stored outlives the code that wrote it: an older or a newer release, or damage, may have
// put anything there, and it is read before any command is registered. So the value carries a
// version, every entry passes readSnapshot() before anything renders it, and load() never throws.
//   0.1.0:  'accountGlance.snapshots.v1' → { [serviceId]: snapshot }. Read while no current value
//           exists; its valid entries are carried over by the next write, which then removes it.
//   now:    'accountGlance.snapshotCache' → { version: 2, snapshots: { [accountKey]: snapshot } }.
//           A service's first account is keyed by the service id (accountKey.ts), so 0.1.0's
//           entries and those of releases with one account per service read as they are.
// A value with a higher version comes from a newer release: it is not read (its shape is unknown)
// and the next write replaces it. The cache only paints start-up; the first refresh rebuilds it.
import { isAccountKey, serviceIdOfKey } from '../core/accounts/accountKey';
import type { AccountSnapshot } from '../core/model';
import { asObject } from '../core/services/jsonReaders';
import { readSnapshot } from '../core/snapshotValidation';
import type { KeyValueState } from './serialState';

const CACHE_KEY = 'accountGlance.snapshotCache';
const CACHE_VERSION = 2;
const LEGACY_CACHE_KEY = 'accountGlance.snapshots.v1';

interface StoredCache {
  readonly version: typeof CACHE_VERSION;
  readonly snapshots: Readonly<Record<string, AccountSnapshot>>;
}

export interface SnapshotCacheOptions {
  /**
   * Told about what load() or save() leaves out, and why (for the log). `accountKey` is undefined
   * when the whole stored value was set aside, or when the entry's key is not a plain key: keys are
   * stored data too. `reason` never quotes a stored value. It must not throw: load() runs in activate().
   */
  readonly onDropped?: (accountKey: string | undefined, reason: string) => void;
  /**
   * How long saves and removals gather before one write (default 100 ms). globalState hands VS Code
   * the extension's whole state at every update: a refresh of 20 accounts is one write, not 20.
   */
  readonly writeDelayMs?: number;
}

const DEFAULT_WRITE_DELAY_MS = 100;

type DropReporter = NonNullable<SnapshotCacheOptions['onDropped']>;

interface CacheContents {
  readonly snapshots: Map<string, AccountSnapshot>;
  /** False when what is stored is not exactly a valid current value: the next write replaces it. */
  readonly clean: boolean;
}

/** save() and remove() carry over what reads well without telling again what load() already told. */
const QUIET: DropReporter = () => {};

export class SnapshotCache {
  /** What was last read or written, with the stored value it came from: reused while that value is still what is stored. */
  private known: (CacheContents & { readonly stored: unknown }) | undefined;
  /** Saves (a snapshot) and removals (undefined) not yet written, by account key. */
  private readonly pending = new Map<string, AccountSnapshot | undefined>();
  private writing: Promise<void> | undefined;

  constructor(
    private readonly state: KeyValueState,
    private readonly options: SnapshotCacheOptions = {},
  ) {}

  /** Every stored snapshot that reads as a whole (and every save not yet written), with its account's key; the rest is reported and left out. Never throws. */
  load(now = Date.now()): [accountKey: string, snapshot: AccountSnapshot][] {
    const snapshots = new Map(this.contents(now, this.options.onDropped ?? QUIET).snapshots);
    for (const [accountKey, snapshot] of this.pending) {
      if (snapshot) snapshots.set(accountKey, snapshot);
      else snapshots.delete(accountKey);
    }
    return [...snapshots.entries()];
  }

  /** Stores the account's snapshot beside the others, as a current-version value whatever was stored before. */
  save(accountKey: string, snapshot: AccountSnapshot, now = Date.now()): Thenable<void> {
    const reading = readSnapshot(snapshot, now);
    if (!reading.ok || serviceIdOfKey(accountKey) !== reading.snapshot.serviceId) {
      // It would be dropped at the next start anyway: say so now, and keep the last good one.
      this.options.onDropped?.(plainKey(accountKey), reading.ok ? 'serviceId differs from the key it is stored under' : reading.reason);
      return Promise.resolve();
    }
    this.pending.set(accountKey, reading.snapshot);
    return this.writeSoon();
  }

  /** Forgets one account's snapshot; a damaged or foreign stored value is replaced even if it had none. */
  remove(accountKey: string): Thenable<void> {
    this.pending.set(accountKey, undefined);
    return this.writeSoon();
  }

  /** Resolves once every save and removal asked for so far is written (a test writing the stored value itself waits for it). */
  settled(): Promise<void> {
    return (this.writing ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  /** One write for every save and removal of the next moment; resolves once it is written. */
  private writeSoon(): Promise<void> {
    this.writing ??= new Promise<void>((resolve) => setTimeout(resolve, this.options.writeDelayMs ?? DEFAULT_WRITE_DELAY_MS)).then(() => {
      this.writing = undefined;
      return this.writePending();
    });
    return this.writing;
  }

  /** Applies the pending changes to what is stored now (another window may have written since) and writes it if anything changed. */
  private async writePending(): Promise<void> {
    const { snapshots: stored, clean } = this.contents(Date.now(), QUIET);
    const snapshots = new Map(stored);
    let changed = !clean;
    for (const [accountKey, snapshot] of this.pending) {
      if (snapshot) changed = snapshots.set(accountKey, snapshot) !== undefined || changed;
      else changed = snapshots.delete(accountKey) || changed;
    }
    this.pending.clear();
    if (!changed) return;
    await this.write(snapshots);
    this.known = { stored: this.state.get(CACHE_KEY), snapshots, clean: true };
  }

  /** What is stored, read and checked only when the stored value is not the one last read or written. */
  private contents(now: number, report: DropReporter): CacheContents {
    let stored: unknown;
    try {
      stored = this.state.get(CACHE_KEY);
    } catch {
      return this.read(now, report);
    }
    if (this.known && stored !== undefined && this.known.stored === stored) return this.known;
    const contents = this.read(now, report);
    this.known = { ...contents, stored };
    return contents;
  }

  private read(now: number, report: DropReporter): CacheContents {
    try {
      const stored: unknown = this.state.get(CACHE_KEY);
      if (stored !== undefined) return readCurrent(stored, now, report);
      const legacy: unknown = this.state.get(LEGACY_CACHE_KEY);
      if (legacy === undefined) return { snapshots: new Map(), clean: true };
      return { snapshots: readEntries(legacy, now, report, 'the 0.1.0 cache').snapshots, clean: false };
    } catch {
      // e.g. a getter that throws: what it threw could quote anything, so only this is said.
      report(undefined, 'the cache could not be read');
      return { snapshots: new Map(), clean: false };
    }
  }

  private async write(snapshots: ReadonlyMap<string, AccountSnapshot>): Promise<void> {
    // fromEntries defines keys (a "__proto__" key stays a key); assignment would not.
    const value: StoredCache = { version: CACHE_VERSION, snapshots: Object.fromEntries(snapshots) };
    await this.state.update(CACHE_KEY, value);
    // Only once the current value is written: should that fail, the old one is still there to read.
    if (this.state.get(LEGACY_CACHE_KEY) !== undefined) await this.state.update(LEGACY_CACHE_KEY, undefined);
  }
}

function readCurrent(stored: unknown, now: number, report: DropReporter): CacheContents {
  const fields = asObject(stored);
  if (!fields) {
    report(undefined, 'the cache is not an object');
    return { snapshots: new Map(), clean: false };
  }
  const version = fields.version;
  if (typeof version === 'number' && version > CACHE_VERSION) {
    report(undefined, 'the cache was written by a newer version of Account Glance; it is not read, and the next save replaces it');
    return { snapshots: new Map(), clean: false };
  }
  if (version !== CACHE_VERSION) {
    report(undefined, 'the cache has no version this release knows');
    return { snapshots: new Map(), clean: false };
  }
  return readEntries(fields.snapshots, now, report, 'the cache');
}

/** A record accountKey → snapshot (the shape of both versions' entries): what reads well, and whether all did. */
function readEntries(value: unknown, now: number, report: DropReporter, name: string): CacheContents {
  const record = asObject(value);
  if (!record) {
    report(undefined, `${name} does not hold a record of snapshots`);
    return { snapshots: new Map(), clean: false };
  }
  const snapshots = new Map<string, AccountSnapshot>();
  let clean = true;
  for (const [key, entry] of Object.entries(record)) {
    const reading = readSnapshot(entry, now);
    if (reading.ok && isAccountKey(key) && serviceIdOfKey(key) === reading.snapshot.serviceId) {
      snapshots.set(key, reading.snapshot);
      continue;
    }
    report(plainKey(key), reading.ok ? 'serviceId differs from the key it is stored under' : reading.reason);
    clean = false;
  }
  return { snapshots, clean };
}

/** A key fit to appear in the log: anything else stored there could be any text at all. */
function plainKey(key: unknown): string | undefined {
  return isAccountKey(key) ? key : undefined;
}
