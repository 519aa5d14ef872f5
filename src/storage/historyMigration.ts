// Moves the credit history that releases before files kept in globalState
// ('accountGlance.history.<accountKey>') into the history files, once: each value goes to its
// account's file as it was stored (damage included: the first read reports it, as before), then
// leaves globalState. A file already there is newer (another window moved it, or recorded since)
// and is kept. A value that cannot be moved stays in globalState for the next start.
import { isAccountKey } from '../core/accounts/accountKey';
import type { HistoryFiles } from './historyFiles';
import type { KeyValueState } from './serialState';

const LEGACY_HISTORY_PREFIX = 'accountGlance.history.';

export async function moveHistoryOutOfGlobalState(
  state: KeyValueState,
  files: HistoryFiles,
  onNotMoved: (accountKey: string, error: unknown) => void,
): Promise<void> {
  let keys: readonly string[];
  try {
    keys = state.keys?.() ?? [];
  } catch {
    return;
  }
  for (const key of keys) {
    if (!key.startsWith(LEGACY_HISTORY_PREFIX)) continue;
    const accountKey = key.slice(LEGACY_HISTORY_PREFIX.length);
    try {
      const stored = state.get(key);
      // A key no account can have names no file either: it is let go.
      if (stored !== undefined && isAccountKey(accountKey)) await files.createIfAbsent(accountKey, stored);
      await state.update(key, undefined);
    } catch (error) {
      onNotMoved(accountKey, error);
    }
  }
}
