// globalState as VS Code implements it (extHostMemento.ts and mainThreadStorage.ts), for the tests
// of SerialState: an update lands in the extension host's copy at once; a timer (RunOnceScheduler,
// 0 ms) later sends that whole copy to the workbench; the workbench stores it, sends the whole state
// back (the echo replaces the copy) and then replies, which resolves the update's promise. Each hop
// is a 0 ms timer, so the order of events is the order VS Code gives them, without real latency.
import type { KeyValueState } from '../../src/storage/serialState';

const hop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class EchoingMemento implements KeyValueState {
  /** The extension host's copy. */
  private copy: Record<string, unknown> = {};
  /** The workbench's copy: what survives a restart. */
  private stored = '{}';
  private waiting: (() => void)[] = [];
  private sendScheduled = false;

  get(key: string): unknown {
    return this.copy[key];
  }

  update(key: string, value: unknown): Promise<void> {
    this.copy[key] = value;
    const acknowledged = new Promise<void>((resolve) => this.waiting.push(resolve));
    if (!this.sendScheduled) {
      this.sendScheduled = true;
      void hop().then(() => this.send());
    }
    return acknowledged;
  }

  keys(): readonly string[] {
    return Object.entries(this.copy)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
  }

  /** What the workbench holds for the key: what the next start would read. */
  storedValue(key: string): unknown {
    return (JSON.parse(this.stored) as Record<string, unknown>)[key];
  }

  private async send(): Promise<void> {
    this.sendScheduled = false;
    const waiting = this.waiting;
    this.waiting = [];
    const sent = JSON.stringify(this.copy);
    await hop(); // to the workbench
    this.stored = sent;
    const echo = this.stored;
    await hop(); // the echo, then the reply, back on one channel
    this.copy = JSON.parse(echo) as Record<string, unknown>;
    for (const resolve of waiting) resolve();
  }
}
