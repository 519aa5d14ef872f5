// The one short phrase that says what is wrong with an account, for the place a person glances
// at (the service node's description). Pure: no `vscode` import, tested in plain Node.
import type { AccountProblem, KnownProblemId, ProblemSeverity } from '../../core/model';

/** A few words per known problem id (a full sentence is each problem's own message); every id must have one. */
const PHRASES: Readonly<Record<KnownProblemId, string>> = {
  creditsExhausted: 'no credits left',
  belowRefillTrigger: 'low balance, auto-refill off',
  emailUnverified: 'email not verified',
  subscriptionOverdue: 'payment overdue',
  subscriptionCanceled: 'subscription canceled',
  subscriptionPending: 'subscription pending',
  subscriptionCancels: 'subscription ending',
  accountNotActivated: 'not activated',
  graceCreditsInUse: 'using grace credits',
};
// Looked up through a Map: an id from the data such as 'constructor' must not find Object.prototype.
const PROBLEM_PHRASES: ReadonlyMap<string, string> = new Map(Object.entries(PHRASES));

const SEVERITY_RANK: Readonly<Record<ProblemSeverity, number>> = { error: 2, warning: 1, info: 0 };

export interface ProblemSummary {
  /** The most severe problem; among equals, the first the service reported. */
  readonly worst: AccountProblem;
  /** A few words for the worst problem, or "1 problem" / "N problems" when its id is not one we know. */
  readonly phrase: string;
}

/** Undefined when there is no problem. */
export function summarizeProblems(problems: readonly AccountProblem[]): ProblemSummary | undefined {
  let worst: AccountProblem | undefined;
  for (const problem of problems) {
    if (!worst || SEVERITY_RANK[problem.severity] > SEVERITY_RANK[worst.severity]) worst = problem;
  }
  if (!worst) return undefined;
  const phrase = PROBLEM_PHRASES.get(worst.id) ?? `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  return { worst, phrase };
}
