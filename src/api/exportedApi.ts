// The API activate() returns to other extensions (its types: accountGlanceApi.ts): a frozen object
// with nothing but what the types promise. The extension tells it when its state may have changed;
// it compares what getAccounts() would give with what it gave listeners last, and tells them only
// when that differs, once per burst of changes (a refresh changes the state several times).
import * as vscode from 'vscode';
import type { AccountGlanceAccount, AccountGlanceApi } from './accountGlanceApi';
import { publicAccount, type PublicAccountSource } from './publicAccount';

export interface ExportedApi {
  readonly api: AccountGlanceApi;
  /** The extension's state changed: listeners are told soon if the accounts differ. */
  noteChange(): void;
  dispose(): void;
}

export function createExportedApi(sources: () => readonly PublicAccountSource[]): ExportedApi {
  const emitter = new vscode.EventEmitter<void>();
  const getAccounts = (): readonly AccountGlanceAccount[] => Object.freeze(sources().flatMap((source) => publicAccount(source) ?? []));
  let lastTold: string | undefined;
  let check: ReturnType<typeof setTimeout> | undefined;
  const compare = () => {
    check = undefined;
    const now = JSON.stringify(getAccounts());
    // The first comparison, just after activate() returned, only sets what listeners already have.
    if (lastTold !== undefined && now !== lastTold) emitter.fire();
    lastTold = now;
  };
  const noteChange = () => {
    check ??= setTimeout(compare, 0);
  };
  // Not compared inside activate(): that would be formatting work before it returns.
  noteChange();
  const api: AccountGlanceApi = Object.freeze({
    version: 1 as const,
    getAccounts,
    onDidChangeAccounts: (listener: () => unknown) => emitter.event(listener),
  });
  return {
    api,
    noteChange,
    dispose: () => {
      if (check !== undefined) clearTimeout(check);
      emitter.dispose();
    },
  };
}
