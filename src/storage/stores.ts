// Every store Account Glance keeps, opened over VS Code's secret storage and globalState in one
// place: tokens and the list of accounts in secret storage (every window hears a change), the
// snapshot cache and the credit history in globalState, through one SerialState (globalState loses
// overlapping writes: serialState.ts). What a store drops as unreadable goes to the log.
import type * as vscode from 'vscode';
import type { KeyValueState } from './serialState';
import { AccountIndex } from './accountIndex';
import { CreditHistoryStore } from './creditHistoryStore';
import { SerialState } from './serialState';
import { SnapshotCache } from './snapshotCache';
import { TokenStore } from './tokenStore';

export interface Stores {
  readonly tokens: TokenStore;
  readonly index: AccountIndex;
  readonly globalState: SerialState;
  readonly cache: SnapshotCache;
  /** Credit history stays on this machine (globalState, never synced); forecasts are made from it. */
  readonly history: CreditHistoryStore;
}

export function openStores(secrets: vscode.SecretStorage, memento: KeyValueState, log: { warn(message: string): void }): Stores {
  const globalState = new SerialState(memento);
  return {
    tokens: new TokenStore(secrets),
    index: new AccountIndex(secrets),
    globalState,
    cache: new SnapshotCache(globalState, {
      onDropped: (accountKey, reason) => log.warn(`Cached ${accountKey ?? 'account'} data was dropped: ${reason}.`),
    }),
    history: new CreditHistoryStore(globalState, {
      onDropped: (accountKey, reason) => log.warn(`Stored ${accountKey} credit history was partly dropped: ${reason}.`),
    }),
  };
}
