// Every store Account Glance keeps, opened over VS Code's secret storage, globalState and the
// extension's global storage folder in one place: tokens and the list of accounts in secret storage
// (every window hears a change), the snapshot cache in globalState, through one SerialState
// (globalState loses overlapping writes: serialState.ts), and the credit history in a file per
// account (VS Code stores and loads globalState whole, so it keeps only small state). What a store
// drops as unreadable goes to the log.
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { KeyValueState } from './serialState';
import { AccountIndex } from './accountIndex';
import { CreditHistoryStore } from './creditHistoryStore';
import { HistoryFiles } from './historyFiles';
import { SerialState } from './serialState';
import { SnapshotCache } from './snapshotCache';
import { TokenStore } from './tokenStore';

/** The folder under the extension's global storage that holds one credit-history file per account. */
const HISTORY_FOLDER = 'creditHistory';

export interface Stores {
  readonly tokens: TokenStore;
  readonly index: AccountIndex;
  readonly globalState: SerialState;
  readonly cache: SnapshotCache;
  /** Credit history stays on this machine (files in global storage, never synced); forecasts are made from it. */
  readonly history: CreditHistoryStore;
}

export function openStores(
  secrets: vscode.SecretStorage,
  memento: KeyValueState,
  globalStorageUri: vscode.Uri,
  log: { warn(message: string): void },
): Stores {
  const globalState = new SerialState(memento);
  return {
    tokens: new TokenStore(secrets),
    index: new AccountIndex(secrets),
    globalState,
    cache: new SnapshotCache(globalState, {
      onDropped: (accountKey, reason) => log.warn(`Cached ${accountKey ?? 'account'} data was dropped: ${reason}.`),
    }),
    history: new CreditHistoryStore(new HistoryFiles(historyFolder(globalStorageUri)), {
      onDropped: (accountKey, reason) => log.warn(`Stored ${accountKey} credit history was partly dropped: ${reason}.`),
      movedFrom: globalState,
      onNotMoved: (accountKey, error) =>
        log.warn(
          `Stored ${accountKey} credit history could not be moved to its file yet: ${error instanceof Error ? error.message : String(error)}.`,
        ),
      onLeftoversRemoved: (count) =>
        log.warn(
          `Removed ${count === 1 ? 'an unfinished credit-history write' : `${count} unfinished credit-history writes`} an earlier window left behind.`,
        ),
    }),
  };
}

/** Where the credit-history files are for a global storage folder (the in-host tests read them there too). */
export function historyFolder(globalStorageUri: vscode.Uri): string {
  return join(globalStorageUri.fsPath, HISTORY_FOLDER);
}
