// globalState in memory, for the stores over KeyValueState. A write lands only when its promise
// settles, a millisecond later, as a slow disk would make it: overlapping read-change-writes that do
// not wait for each other each read the value from before all of them, and all but the last are lost.
import type { KeyValueState } from '../../src/storage/serialState';

export class MemoryState implements KeyValueState {
  readonly values = new Map<string, unknown>();
  updates = 0;
  failNextUpdate = false;
  failReads = false;

  constructor(seed: Readonly<Record<string, unknown>> = {}) {
    for (const [key, value] of Object.entries(seed)) this.values.set(key, value);
  }

  get(key: string): unknown {
    if (this.failReads) throw new Error('state unreadable');
    return this.values.get(key);
  }

  update(key: string, value: unknown): Promise<void> {
    this.updates++;
    if (this.failNextUpdate) {
      this.failNextUpdate = false;
      return Promise.reject(new Error('disk full'));
    }
    // Stored as JSON, as globalState stores it: nothing the caller keeps can change it afterwards.
    const stored = value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
    return new Promise((resolve) =>
      setTimeout(() => {
        if (stored === undefined) this.values.delete(key);
        else this.values.set(key, stored);
        resolve();
      }, 1),
    );
  }

  keys(): readonly string[] {
    return [...this.values.keys()];
  }
}
