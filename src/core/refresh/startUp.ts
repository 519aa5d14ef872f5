// The order a start takes once activate() has returned. What the person saw last time comes
// first and costs no secret read or request; the list of accounts (secret storage) next; the
// services are asked last, and only once, whatever failed before.

export interface StartUpSteps {
  /** Last session's data, read and checked, shown as it was (no request, no secret). */
  showCached(): void;
  /** The list of accounts and their tokens. Its failure is the step's own to report. */
  loadAccounts(): Promise<void>;
  /** The first refresh of every account. */
  refresh(): Promise<void>;
  /** Told when a step failed; the start goes on to the next step where it can. */
  onError(error: unknown): void;
}

/** Starts in a microtask (after the wiring returns, before VS Code asks for rows); resolves when the first refresh ended. Never rejects. */
export function startUp(steps: StartUpSteps): Promise<void> {
  return Promise.resolve()
    .then(() => steps.showCached())
    .then(
      () => steps.loadAccounts(),
      (error: unknown) => {
        steps.onError(error);
        return steps.loadAccounts();
      },
    )
    .then(() => steps.refresh())
    .catch((error: unknown) => steps.onError(error));
}
