// globalState written one update at a time.
//
// VS Code's globalState applies an update to the extension host's copy at once and sends that whole
// copy to the workbench a moment later; the workbench then sends the whole state back, and the copy is
// replaced by it (microsoft/vscode#137132). So an update made while an earlier one is on its way is
// undone in memory when the earlier one's echo arrives, and lost for good when its own send comes
// after that echo. Seen in practice: a refresh writes the snapshot cache, the alert memory and the
// credit history within a few milliseconds, and an alert memory that quietly went back to "already
// said" kept the next crossing from being said.
//
// SerialState passes each update to globalState only after the one before is acknowledged; by then its
// echo has arrived (the workbench sends the echo before the reply, on the same channel). Until its
// turn, an update is held here and reads see it, so a write followed at once by a read (or a
// read-change-write of the same key) still reads what was written.
//
// Another window's writes still reach this window as whole-state echoes at any moment; VS Code offers
// no way to order those, so the stores keep what they share across windows small and re-derivable.

/** What the stores need of globalState; vscode.Memento has it. No `vscode` import, for plain-Node tests. */
export interface KeyValueState {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
  keys?(): readonly string[];
}

/** An update waiting for its turn; identity tells a later update of the same key from it. */
interface HeldUpdate {
  readonly value: unknown;
}

export class SerialState implements KeyValueState {
  /** Settles when every update passed on so far is acknowledged. */
  private tail: Promise<void> = Promise.resolve();
  /** Per key, the latest update not yet acknowledged. */
  private readonly held = new Map<string, HeldUpdate>();

  constructor(private readonly state: KeyValueState) {}

  get(key: string): unknown {
    const held = this.held.get(key);
    return held ? held.value : this.state.get(key);
  }

  /** Resolves once globalState acknowledged this update; rejects as globalState does. */
  update(key: string, value: unknown): Promise<void> {
    const update: HeldUpdate = { value };
    this.held.set(key, update);
    const written = this.tail.then(() => this.state.update(key, value));
    this.tail = written.then(
      () => undefined,
      () => undefined,
    );
    return written.finally(() => {
      if (this.held.get(key) === update) this.held.delete(key);
    });
  }

  keys(): readonly string[] {
    const keys = new Set(this.state.keys?.() ?? []);
    for (const [key, { value }] of this.held) {
      if (value === undefined) keys.delete(key);
      else keys.add(key);
    }
    return [...keys];
  }
}
