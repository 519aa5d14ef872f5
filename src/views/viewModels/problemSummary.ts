// The one short phrase that says what is wrong with an account, for the place a person glances
// at (the service node's description). Pure: no `vscode` import, tested in plain Node.
import type { AccountProblem, ProblemSeverity } from '../../core/model';
import { problemCount, problemPhrase } from './snapshotWording';

const SEVERITY_RANK: Readonly<Record<ProblemSeverity, number>> = { error: 2, warning: 1, info: 0 };

export interface ProblemSummary {
  /** The most severe problem; among equals, the first the service reported. */
  readonly worst: AccountProblem;
  /** A few words for the worst problem, or "1 problem" / "N problems" when its id is not one we know. */
  readonly phrase: string;
}

/** Undefined when there is no problem. */
export function summarizeProblems(problems: readonly AccountProblem[], locale?: string): ProblemSummary | undefined {
  let worst: AccountProblem | undefined;
  for (const problem of problems) {
    if (!worst || SEVERITY_RANK[problem.severity] > SEVERITY_RANK[worst.severity]) worst = problem;
  }
  if (!worst) return undefined;
  return { worst, phrase: problemPhrase(worst.id) ?? problemCount(problems.length, locale) };
}
