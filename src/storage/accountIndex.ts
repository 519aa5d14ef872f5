// Which accounts Account Glance holds beyond each service's first, and what a person said about
// each account (its label, whether it is pinned). VS Code's SecretStorage cannot list its keys, so
// this record lists them; it lives there too, beside the tokens, so that a change made in one
// window reaches every other (SecretStorage tells each window; globalState tells none). It holds
// no secret. A service's first account needs no entry (0.1.0 kept its token under the service's
// own key); it has one only once labelled or pinned.
//   'accountGlance.accounts' → { version: 1, accounts: { [accountKey]: { label?, pinned?, at } },
//                                removed: { [accountKey]: at } }
// Several windows write the one record and SecretStorage has no compare-and-swap, so two writes
// can cross and the later one drop the earlier one's change. Each change is stamped (`at`), a
// removal is kept as a tombstone in `removed` for a while, and per account the latest change wins
// (a last-writer-wins map). Each window remembers its own changes and merges them into every record
// it reads: into each write, and into every record another window wrote, writing the merge back
// when that record dropped one. Releases before the stamps read `accounts` alone and skip `at`.
// The record is stored data from any release: what does not read as this shape is left out.
import * as v from 'valibot';
import type * as vscode from 'vscode';
import { isAccountKey } from '../core/accounts/accountKey';
import type { AccountDetails } from '../core/refresh/accountRefresher';
import { extra, OBJECT, storedObject, TEXT } from '../core/storedSchema';

const INDEX_KEY = 'accountGlance.accounts';
const INDEX_VERSION = 1;
/** How long a removal is remembered: far longer than two windows' writes can take to cross. */
const TOMBSTONE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** A stamp further ahead of this window's clock is junk: kept, it would outrank every change for years. */
const LATEST_STAMP_AHEAD_MS = 24 * 60 * 60 * 1000;
/** Longer labels are cut: a label is a few words on a tree row and in the status bar's tooltip. */
export const MAX_LABEL_LENGTH = 40;

export type AccountEntries = ReadonlyMap<string, AccountDetails>;

/** An account's latest change: its details, or (undefined) its removal; `at` orders changes. */
interface Change {
  readonly at: number;
  readonly details: AccountDetails | undefined;
}

type Changes = ReadonlyMap<string, Change>;

interface StoredRecord {
  readonly changes: Changes;
  /** Written by a release that merges (it keeps tombstones); false for an older release's record, junk or none. */
  readonly merges: boolean;
}

export class AccountIndex {
  /** This window's changes that no later change replaced: merged into every record it reads, so none is lost to a crossing write. */
  private readonly mine = new Map<string, Change>();
  /** The entries this window's callers know of (read, reported, or changed here): what is news to them. */
  private known: AccountEntries = new Map();
  /** Never behind a stamp seen in the record, so a change made after seeing another outranks it. */
  private clock = 0;
  /** One read or read-merge-write at a time, so two quick changes in this window both land. */
  private queue: Promise<unknown> = Promise.resolve();
  /** A repair queued but not started: events arriving meanwhile need no repair of their own. */
  private pendingRepair: Promise<AccountEntries | undefined> | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every listed account with its details. Rejects when secret storage cannot be read. */
  read(): Promise<AccountEntries> {
    return this.enqueue(async () => {
      this.known = liveEntries(this.withMine(await this.load()));
      return this.known;
    });
  }

  /** Lists the account with these details (replacing what was said before), or takes it off the list. */
  update(accountKey: string, details: AccountDetails | undefined): Promise<void> {
    return this.enqueue(async () => {
      const stored = await this.load();
      const next = details && cleanDetails(details);
      const current = this.withMine(stored).get(accountKey);
      // A removal of an account not listed here is still written: a crossing write may have hidden it.
      if (current && sameDetails(current.details, next)) return;
      const before = this.mine.get(accountKey);
      this.mine.set(accountKey, { at: this.stamp(), details: next });
      try {
        await this.store(this.withMine(stored));
      } catch (error) {
        // Not made: a later repair must not write it after all.
        if (before) this.mine.set(accountKey, before);
        else this.mine.delete(accountKey);
        throw error;
      }
      this.known = withEntry(this.known, accountKey, next);
    });
  }

  /**
   * Fires with the new entries when another window changed the list; a failed read or write goes
   * to `onError`. While registered, it also puts back this window's changes when another window's
   * write dropped them.
   */
  onDidChangeElsewhere(listener: (entries: AccountEntries) => void, onError: (error: unknown) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key !== INDEX_KEY) return;
      this.repairSoon()
        .then((news) => {
          if (news) listener(news);
        })
        .catch(onError);
    });
  }

  private repairSoon(): Promise<AccountEntries | undefined> {
    this.pendingRepair ??= this.enqueue(() => {
      this.pendingRepair = undefined;
      return this.repair();
    });
    return this.pendingRepair;
  }

  /** Writes the stored record back with this window's changes when it lacks one; answers the entries if they are news here. */
  private async repair(): Promise<AccountEntries | undefined> {
    const stored = await this.load();
    const merged = this.withMine(stored);
    if (!sameChanges(merged, stored.changes)) await this.store(merged);
    const entries = liveEntries(merged);
    if (sameEntries(entries, this.known)) return undefined;
    this.known = entries;
    return entries;
  }

  /** The stored record; what it shows of other windows' changes updates what this window remembers. */
  private async load(): Promise<StoredRecord> {
    const stored = parseRecord(await this.secrets.get(INDEX_KEY), this.now() + LATEST_STAMP_AHEAD_MS);
    // A release that cannot merge wrote last: its word stands over this window's earlier changes,
    // which re-applied would undo its own (a removal, say).
    if (!stored.merges) this.mine.clear();
    for (const [accountKey, change] of stored.changes) {
      this.clock = Math.max(this.clock, change.at);
      const own = this.mine.get(accountKey);
      if (own && outranks(change, own)) this.mine.delete(accountKey);
    }
    for (const [accountKey, own] of this.mine) {
      if (this.isForgotten(own)) this.mine.delete(accountKey);
    }
    return stored;
  }

  /** The stored changes with this window's own merged in, old tombstones left out. */
  private withMine(stored: StoredRecord): Changes {
    const merged = new Map(stored.changes);
    for (const [accountKey, own] of this.mine) {
      const there = merged.get(accountKey);
      if (!there || outranks(own, there)) merged.set(accountKey, own);
    }
    for (const [accountKey, change] of merged) {
      if (this.isForgotten(change)) merged.delete(accountKey);
    }
    return merged;
  }

  private isForgotten(change: Change): boolean {
    return !change.details && change.at < this.now() - TOMBSTONE_LIFETIME_MS;
  }

  /** A stamp later than any this window made or saw, and not behind the clock. */
  private stamp(): number {
    this.clock = Math.max(this.now(), this.clock + 1);
    return this.clock;
  }

  private async store(changes: Changes): Promise<void> {
    await this.secrets.store(INDEX_KEY, serialize(changes));
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** A change's stamp: a whole number of epoch ms (not ahead of this window's clock: parseRecord checks that). */
const StampSchema = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/**
 * The record as stored. Only this version's object reads; within it, `accounts` and `removed` are
 * read entry by entry (parseRecord), and what does not read is left out on its own. `removed` is
 * what tells a record from a release that merges (it keeps tombstones).
 */
const StoredIndexSchema = storedObject({
  version: v.literal(INDEX_VERSION),
  /** By account key: what a person said about the account, and when. */
  accounts: extra(OBJECT),
  /** By account key: when it was taken off the list. */
  removed: extra(OBJECT),
});

/** An entry under `accounts`: a label that is not text reads as none, pinned only when true, a bad stamp as none (older releases wrote none). */
const StoredDetailsSchema = storedObject({
  label: extra(TEXT),
  pinned: extra(v.literal(true)),
  at: extra(StampSchema),
});

/** What reads well of a stored record; anything else counts as no entry. */
function parseRecord(stored: string | undefined, latestStamp: number): StoredRecord {
  const reading = v.safeParse(StoredIndexSchema, parseJson(stored));
  if (!reading.success) return { changes: new Map(), merges: false };
  const { accounts = {}, removed } = reading.output;
  const stampOf = (value: unknown) => (v.is(StampSchema, value) && value <= latestStamp ? value : undefined);
  const changes = new Map<string, Change>();
  for (const [accountKey, value] of Object.entries(accounts)) {
    const details = v.safeParse(StoredDetailsSchema, value);
    if (!isAccountKey(accountKey) || !details.success) continue;
    // An entry an older release wrote has no stamp: any stamped change is later.
    changes.set(accountKey, { at: stampOf(details.output.at) ?? 0, details: cleanDetails(details.output) });
  }
  for (const [accountKey, value] of Object.entries(removed ?? {})) {
    const at = stampOf(value);
    if (!isAccountKey(accountKey) || at === undefined) continue;
    const removal = { at, details: undefined };
    const there = changes.get(accountKey);
    if (!there || outranks(removal, there)) changes.set(accountKey, removal);
  }
  return { changes, merges: removed !== undefined };
}

function parseJson(stored: string | undefined): unknown {
  if (!stored) return undefined;
  try {
    return JSON.parse(stored);
  } catch {
    return undefined;
  }
}

/** The record as stored: live entries under `accounts`, where older releases read them; tombstones beside. */
function serialize(changes: Changes): string {
  const all = [...changes];
  const accounts = all.flatMap(([accountKey, { at, details }]) => (details ? [[accountKey, { ...details, at }] as const] : []));
  const removed = all.flatMap(([accountKey, { at, details }]) => (details ? [] : [[accountKey, at] as const]));
  // fromEntries, not assignment: an account key may be spelled "__proto__".
  return JSON.stringify({ version: INDEX_VERSION, accounts: Object.fromEntries(accounts), removed: Object.fromEntries(removed) });
}

/** Whether change `a` replaces `b`: the later one; at the same stamp, any fixed order every window agrees on. */
function outranks(a: Change, b: Change): boolean {
  return a.at !== b.at ? a.at > b.at : tieBreaker(a) > tieBreaker(b);
}

/** A removal wins a tie ("~" sorts after "{"), then the greater details. */
function tieBreaker(change: Change): string {
  return change.details ? JSON.stringify(change.details) : '~';
}

function liveEntries(changes: Changes): AccountEntries {
  return new Map([...changes].flatMap(([accountKey, { details }]) => (details ? [[accountKey, details] as const] : [])));
}

function withEntry(entries: AccountEntries, accountKey: string, details: AccountDetails | undefined): AccountEntries {
  const next = new Map(entries);
  if (details) next.set(accountKey, details);
  else next.delete(accountKey);
  return next;
}

function sameChanges(a: Changes, b: Changes): boolean {
  return (
    a.size === b.size &&
    [...a].every(([accountKey, change]) => {
      const other = b.get(accountKey);
      return other !== undefined && other.at === change.at && sameDetails(other.details, change.details);
    })
  );
}

function sameEntries(a: AccountEntries, b: AccountEntries): boolean {
  return a.size === b.size && [...a].every(([accountKey, details]) => b.has(accountKey) && sameDetails(b.get(accountKey), details));
}

/** Cleaned details (or none) alike. */
function sameDetails(a: AccountDetails | undefined, b: AccountDetails | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.label === b.label && a.pinned === b.pinned);
}

/** A label trimmed to one line of at most MAX_LABEL_LENGTH characters (none when empty); pinned only when true. */
export function cleanDetails(details: { readonly label?: unknown; readonly pinned?: unknown }): AccountDetails {
  const label = typeof details.label === 'string' ? details.label.replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_LENGTH) : '';
  return { ...(label !== '' && { label }), ...(details.pinned === true && { pinned: true }) };
}
