// Tasks queued per key: those for one key run one after another, each after the one before has
// settled, so a read-change-write over globalState never works from a value another write is about
// to replace; tasks for different keys do not wait for each other.
export class KeyedQueue {
  /** Per key, the end of the chain of tasks still running for it. */
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` after every task queued for `key` before it; resolves or rejects as the task does. */
  run<T>(key: string, task: () => T | PromiseLike<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    // The chain goes on whether this task succeeds or fails; the caller sees its own outcome.
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, settled);
    // `settled` never rejects, so neither does this.
    settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return result;
  }
}
