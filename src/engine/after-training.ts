/**
 * What follows a finished training, decided here once for every runner and trigger:
 * - the customer models were promoted: their predictions changed (customer groups follow);
 * - the champion stayed: its predictions are brought up to the new as-of, every customer
 *   the training scored, as a rescoring flow;
 * - no customer models this time (a store too young for them): nothing to follow.
 */
import type { HistorySource } from "./payloads"
import type { FollowUpWork } from "./job-runner"
import type { TrainingOutcome } from "./run-training"

export type AfterTraining = "scores-changed" | "champion-rescored" | "nothing"

export interface AfterTrainingWork {
  rescoreAll: FollowUpWork["rescoreAll"]
  /** After the champion's predictions changed, e.g. to sync customer groups. */
  onScoresChanged?: () => Promise<void>
}

export async function afterTraining(
  outcome: Pick<TrainingOutcome, "output" | "asOf">,
  source: HistorySource,
  work: AfterTrainingWork
): Promise<AfterTraining> {
  const decision = outcome.output.decisions.customerScores
  if (!decision) return "nothing"
  if (decision.promote) {
    await work.onScoresChanged?.()
    return "scores-changed"
  }
  await work.rescoreAll(
    outcome.output.scores.map((s) => s.customerId),
    source,
    outcome.asOf
  )
  return "champion-rescored"
}
