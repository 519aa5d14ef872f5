// Each account's credit history, in a file of its own (historyFiles.ts: one JSON file per account
// under context.globalStorageUri, written whole through a temporary file), so that one account's
// history is read and written without touching the others', a damaged file loses one account's
// history at most, and globalState, which VS Code stores whole at every update and loads at every
// start, keeps only small state. Nothing is read until asked for: the chart and the forecast ask.
//
// What is stored outlives the code that wrote it: every read goes through readAccountHistory(),
// which keeps what is sound, reports the rest and never throws. A value from a newer release is
// not read, and the next record() replaces it, as the snapshot cache does.
//
// Releases before this one kept the history in globalState ('accountGlance.history.<accountKey>').
// The first use moves it into the files once (historyMigration.ts) before anything is read.
//
// No `vscode` import: tested in plain Node against a temporary folder.
import { KeyedQueue } from './keyedQueue';
import type { HistoryFiles } from './historyFiles';
import { moveHistoryOutOfGlobalState } from './historyMigration';
import type { KeyValueState } from './serialState';
import { recordSnapshot, shrinkToJsonLength } from '../core/history/creditHistory';
import type { AccountHistory } from '../core/history/historySchema';
import { readAccountHistory, type HistoryDropReporter } from '../core/history/storedHistory';
import type { AccountSnapshot } from '../core/model';

export interface CreditHistoryStoreOptions {
  /**
   * Told what a read left out of an account's stored history, and why (for the log). The reason never
   * quotes a stored value. Whatever it throws is ignored: a log line must not stop a refresh.
   */
  readonly onDropped?: (accountKey: string, reason: string) => void;
  /** globalState, where earlier releases kept the history: moved out of it into the files on first use. */
  readonly movedFrom?: KeyValueState;
  /** Told when an account's history could not be moved out of globalState (it is tried again at the next start). */
  readonly onNotMoved?: (accountKey: string, error: unknown) => void;
  /** Told how many temporary files a stopped process had left in the folder, when the first use removed any. */
  readonly onLeftoversRemoved?: (count: number) => void;
  readonly now?: () => number;
}

export class CreditHistoryStore {
  /** Runs one account's reads, records and deletes one after another. */
  private readonly queue = new KeyedQueue();
  /**
   * Settles once history left in globalState has been moved into the files and temporary files a
   * stopped process left behind are gone; started by the first use, so start-up touches no file.
   */
  private prepared: Promise<void> | undefined;
  /**
   * Per account, the history as last read or written here, with the identity of its file then: while
   * the file keeps that identity (no other window wrote it since), a record starts from this instead
   * of reading, parsing and checking the file again.
   */
  private readonly known = new Map<string, { readonly identity: string; readonly history: AccountHistory }>();

  constructor(
    private readonly files: HistoryFiles,
    private readonly options: CreditHistoryStoreOptions = {},
  ) {}

  /** The account's history as far as it reads; undefined when there is none (or none this release can read). Never rejects. */
  async read(accountKey: string): Promise<AccountHistory | undefined> {
    await this.prepare();
    return this.queue.run(accountKey, () => this.readStored(accountKey));
  }

  /**
   * Adds the snapshot to the account's history and writes it back. Calls for the same account in this
   * window run one after another, each reading what the one before wrote, so none is lost. Resolves to
   * what was written; rejects only if the file cannot be written.
   */
  async record(accountKey: string, snapshot: AccountSnapshot): Promise<AccountHistory> {
    await this.prepare();
    return this.queue.run(accountKey, async () => {
      const history = shrinkToJsonLength(recordSnapshot(await this.readStored(accountKey), snapshot));
      this.known.delete(accountKey);
      this.known.set(accountKey, { identity: await this.files.write(accountKey, history), history });
      return history;
    });
  }

  /** Forgets the account's history (its token was removed, say); runs after records already asked for. */
  async delete(accountKey: string): Promise<void> {
    await this.prepare();
    return this.queue.run(accountKey, () => {
      this.known.delete(accountKey);
      return this.files.remove(accountKey);
    });
  }

  private prepare(): Promise<void> {
    this.prepared ??= Promise.all([this.moveOutOfGlobalState(), this.removeLeftovers()]).then(() => undefined);
    return this.prepared;
  }

  private moveOutOfGlobalState(): Promise<void> {
    const { movedFrom, onNotMoved } = this.options;
    if (!movedFrom) return Promise.resolve();
    return moveHistoryOutOfGlobalState(movedFrom, this.files, (accountKey, error) => tellLog(() => onNotMoved?.(accountKey, error)));
  }

  private async removeLeftovers(): Promise<void> {
    const removed = await this.files.removeLeftovers((this.options.now ?? Date.now)());
    if (removed > 0) tellLog(() => this.options.onLeftoversRemoved?.(removed));
  }

  private async readStored(accountKey: string): Promise<AccountHistory | undefined> {
    const known = this.known.get(accountKey);
    if (known && known.identity === (await this.files.identity(accountKey))) return known.history;
    this.known.delete(accountKey);
    const report = this.reporterFor(accountKey);
    const stored = await this.files.read(accountKey);
    if (stored.kind === 'missing') return undefined;
    if (stored.kind === 'unreadable') {
      report(stored.reason);
      return undefined;
    }
    let dropped = false;
    const history = readAccountHistory(stored.value, (reason) => {
      dropped = true;
      report(reason);
    });
    // Only a file that reads clean is kept: damage is reported at each read, as before.
    if (history && !dropped) this.known.set(accountKey, { identity: stored.identity, history });
    return history;
  }

  private reporterFor(accountKey: string): HistoryDropReporter {
    return (reason) => tellLog(() => this.options.onDropped?.(accountKey, reason));
  }
}

/** Calls one of the options' log callbacks: whatever it throws is ignored, since a log line must not stop a read, a record or the move. */
function tellLog(call: () => void): void {
  try {
    call();
  } catch {
    // See above.
  }
}
