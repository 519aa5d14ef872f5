// Each account's credit history, in globalState under its own key ('accountGlance.history.<accountKey>'),
// so that one account's history is read and written without touching the others', and a damaged
// value loses one account's history at most (account keys: src/core/accounts/accountKey.ts).
//
// What is stored outlives the code that wrote it: every read goes through readAccountHistory(),
// which keeps what is sound, reports the rest and never throws. A value from a newer release is
// not read, and the next record() replaces it, as the snapshot cache does.
//
// No `vscode` import: KeyValueState is the part of vscode.Memento this needs, so the store is
// tested in plain Node against a Map.
import { KeyedQueue } from './keyedQueue';
import type { KeyValueState } from './serialState';
import { recordSnapshot, shrinkToJsonLength } from '../core/history/creditHistory';
import type { AccountHistory } from '../core/history/historySchema';
import { readAccountHistory, type HistoryDropReporter } from '../core/history/storedHistory';
import type { AccountSnapshot } from '../core/model';

const HISTORY_KEY_PREFIX = 'accountGlance.history.';

function historyKey(accountKey: string): string {
  return `${HISTORY_KEY_PREFIX}${accountKey}`;
}

export interface CreditHistoryStoreOptions {
  /**
   * Told what a read left out of an account's stored history, and why (for the log). The reason never
   * quotes a stored value. Whatever it throws is ignored: a log line must not stop a refresh.
   */
  readonly onDropped?: (accountKey: string, reason: string) => void;
}

export class CreditHistoryStore {
  /** Runs one account's record() and delete() calls one after another. */
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly state: KeyValueState,
    private readonly options: CreditHistoryStoreOptions = {},
  ) {}

  /** The account's history as far as it reads; undefined when there is none (or none this release can read). Never throws. */
  read(accountKey: string): AccountHistory | undefined {
    return this.readReporting(accountKey, this.reporterFor(accountKey));
  }

  /**
   * Adds the snapshot to the account's history and writes it back. Calls for the same account run one
   * after another, each reading what the one before wrote, so none is lost. Resolves to what was
   * written; rejects only if globalState does.
   */
  record(accountKey: string, snapshot: AccountSnapshot): Promise<AccountHistory> {
    return this.queue.run(accountKey, async () => {
      const history = shrinkToJsonLength(recordSnapshot(this.read(accountKey), snapshot));
      await this.state.update(historyKey(accountKey), history);
      return history;
    });
  }

  /** Forgets the account's history (its token was removed, say); runs after records already asked for. */
  delete(accountKey: string): Promise<void> {
    return this.queue.run(accountKey, async () => {
      if (this.state.get(historyKey(accountKey)) !== undefined) await this.state.update(historyKey(accountKey), undefined);
    });
  }

  /** The accounts that have a stored history, when the state can list its keys (Memento can); else none. */
  accountKeys(): string[] {
    try {
      const keys = this.state.keys?.() ?? [];
      return keys.filter((key) => key.startsWith(HISTORY_KEY_PREFIX)).map((key) => key.slice(HISTORY_KEY_PREFIX.length));
    } catch {
      return [];
    }
  }

  private readReporting(accountKey: string, report: HistoryDropReporter): AccountHistory | undefined {
    let stored: unknown;
    try {
      stored = this.state.get(historyKey(accountKey));
    } catch {
      report('the stored history could not be read');
      return undefined;
    }
    return readAccountHistory(stored, report);
  }

  private reporterFor(accountKey: string): HistoryDropReporter {
    return (reason) => {
      try {
        this.options.onDropped?.(accountKey, reason);
      } catch {
        // See CreditHistoryStoreOptions.onDropped.
      }
    };
  }
}
