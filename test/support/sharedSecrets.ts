// SecretStorage as several VS Code windows share it: one store (the keychain behind VS Code's main
// process) and one view of it per window. As in VS Code, each call crosses processes: a read
// answers, and a write lands, after a short delay that differs from call to call; once a write has
// landed every window hears of it (the writer too), each a little later than the write. The delays
// come from a seeded generator, so a run that fails fails the same way again.
import type * as vscode from 'vscode';

type ChangeListener = (event: vscode.SecretStorageChangeEvent) => unknown;

/** How long `settled` waits for the windows to stop reading and writing before it gives up. */
const SETTLE_LIMIT_MS = 20_000;

export class SharedSecrets {
  readonly values = new Map<string, string>();
  /** Each window's change listeners. */
  private readonly windows: Set<ChangeListener>[] = [];
  /** Calls and change events not yet answered or delivered. */
  private inFlight = 0;
  /** Every call and event so far: unchanged between two looks means nothing happened. */
  private activity = 0;

  constructor(
    private readonly random: () => number,
    private readonly maxDelayMs = 3,
  ) {}

  /** The SecretStorage of one more window over the shared store. */
  window(): vscode.SecretStorage {
    const listeners = new Set<ChangeListener>();
    this.windows.push(listeners);
    return {
      keys: () => this.later(() => [...this.values.keys()]),
      get: (key: string) => this.later(() => this.values.get(key)),
      store: (key: string, value: string) => this.later(() => this.land(key, value)),
      delete: (key: string) => this.later(() => this.land(key, undefined)),
      onDidChange: (listener: ChangeListener) => {
        listeners.add(listener);
        return { dispose: () => listeners.delete(listener) };
      },
    };
  }

  /** A write by something that is no window here (an older release in another window, say): lands at once. */
  set(key: string, value: string | undefined): void {
    this.land(key, value);
  }

  /** Resolves once no window has read, written or heard anything for a while; rejects if they never stop. */
  async settled(): Promise<void> {
    const start = Date.now();
    let seen = -1;
    for (let quietLooks = 0; quietLooks < 3;) {
      if (Date.now() - start > SETTLE_LIMIT_MS) throw new Error(`The windows did not settle in ${SETTLE_LIMIT_MS} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      quietLooks = this.inFlight === 0 && this.activity === seen ? quietLooks + 1 : 0;
      seen = this.activity;
    }
  }

  private land(key: string, value: string | undefined): void {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    for (const listeners of this.windows) {
      void this.later(() => listeners.forEach((listener) => listener({ key })));
    }
  }

  /** Runs `step` after a random delay of 0 to maxDelayMs ms (0: before any timer), as a call to another process would. */
  private async later<T>(step: () => T): Promise<T> {
    this.inFlight++;
    this.activity++;
    try {
      const delay = Math.floor(this.random() * (this.maxDelayMs + 1));
      await new Promise((resolve) => (delay === 0 ? setImmediate(resolve) : setTimeout(resolve, delay)));
      return step();
    } finally {
      this.inFlight--;
    }
  }
}

/** A repeatable generator of numbers in [0, 1) (mulberry32): the same seed, the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
