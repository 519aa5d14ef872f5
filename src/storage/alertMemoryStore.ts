// What each account's alerts remember (src/core/alerts/alertCrossings.ts), in globalState under its
// own key ('accountGlance.alerts.<accountKey>', src/core/accounts/accountKey.ts), so that
// "already said" holds across restarts. Deleted on sign-out, with the person's mutes and snooze for
// that account: the next token may be someone else's account.
//
// globalState is one store for every window of this VS Code, so what one window said, another does
// not say again. The limit: two windows that refresh the same account at the same moment each read
// the memory before the other wrote it, and both may say the same crossing (once each). The queue
// below serialises the calls of one window only.
//
// Every read goes through readAlertMemory(), so a damaged or newer value reads as fresh memory and
// never throws. No `vscode` import: KeyValueState is the part of vscode.Memento this needs.
import { freshAlertMemory, readAlertMemory, type AlertMemory } from '../core/alerts/alertCrossings';
import type { KeyValueState } from './serialState';
import { KeyedQueue } from './keyedQueue';

const ALERTS_KEY_PREFIX = 'accountGlance.alerts.';

function alertsKey(accountKey: string): string {
  return `${ALERTS_KEY_PREFIX}${accountKey}`;
}

export class AlertMemoryStore {
  private readonly queue = new KeyedQueue();

  constructor(private readonly state: KeyValueState) {}

  /** The account's memory; fresh memory when none is stored or it cannot be read. Never throws. */
  read(accountKey: string): AlertMemory {
    try {
      return readAlertMemory(this.state.get(alertsKey(accountKey)));
    } catch {
      return freshAlertMemory();
    }
  }

  /** Stores the memory, after the calls for the account already asked for. */
  write(accountKey: string, memory: AlertMemory): Promise<void> {
    return this.queue.run(accountKey, () => this.store(accountKey, memory));
  }

  /** Forgets the account's memory (its token was removed), after the calls already asked for. */
  delete(accountKey: string): Promise<void> {
    return this.queue.run(accountKey, async () => {
      if (this.state.get(alertsKey(accountKey)) !== undefined) await this.state.update(alertsKey(accountKey), undefined);
    });
  }

  /**
   * Reads the account's memory, lets `change` decide (decideAlerts() fits: it returns the new memory
   * with what to say), and stores the new memory. Calls for one account run one after another, each
   * reading what the one before wrote, so overlapping refreshes never lose a decision. Resolves to
   * what `change` returned once it is stored; rejects if `change` or globalState does.
   */
  update<Result extends { readonly memory: AlertMemory }>(
    accountKey: string,
    change: (remembered: AlertMemory) => Result,
  ): Promise<Result> {
    return this.queue.run(accountKey, async () => {
      const result = change(this.read(accountKey));
      await this.store(accountKey, result.memory);
      return result;
    });
  }

  /** The accounts with stored memory, when the state can list its keys (Memento can); else none. */
  accountKeys(): string[] {
    try {
      const keys = this.state.keys?.() ?? [];
      return keys.filter((key) => key.startsWith(ALERTS_KEY_PREFIX)).map((key) => key.slice(ALERTS_KEY_PREFIX.length));
    } catch {
      return [];
    }
  }

  /** Writes only what changed: most refreshes decide that nothing did. */
  private async store(accountKey: string, memory: AlertMemory): Promise<void> {
    let stored: unknown;
    try {
      stored = this.state.get(alertsKey(accountKey));
    } catch {
      stored = undefined;
    }
    if (JSON.stringify(stored) === JSON.stringify(memory)) return;
    await this.state.update(alertsKey(accountKey), memory);
  }
}
