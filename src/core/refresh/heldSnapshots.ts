// Fresh snapshots of a refresh of several accounts, told on together once that refresh is over
// (on the next turn of the event loop, once whoever awaited the refresh has gone on).
// What a fresh snapshot sets off (its cache entry, its alerts, its history file and a forecast
// re-read from a year of history) costs the main thread milliseconds an account; done as each
// account answers, it delays the answers still arriving, and twenty accounts take longer to show
// than one. The accounts' states change at once, so the views never wait; only that work does,
// and never longer than `limitMs` (an account that takes its time does not hold back the others').

export class HeldSnapshots {
  private readonly held: (() => void)[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly limitMs: number) {}

  /** Tells `tell` at release(), or once the oldest held has waited `limitMs`, whichever comes first. */
  hold(tell: () => void): void {
    this.held.push(tell);
    this.timer ??= setTimeout(() => this.release(), this.limitMs);
  }

  /** release() on the next turn of the event loop. */
  releaseAfterThisTurn(): void {
    setImmediate(() => this.release());
  }

  /** Tells everything held, oldest first. */
  release(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const tell of this.held.splice(0)) tell();
  }
}
