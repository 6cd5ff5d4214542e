/**
 * The parts of a training that were not produced, each with the reason in a merchant's
 * words: listed in the run's report and printed by `medusa-ml train`, one line per part.
 */
import { NotEnoughDataError } from "../core/errors"
import type { RungReport } from "../core/pipeline/rung-report"

export type TrainingPart = "values" | "purchase" | "churn" | "lists"

export interface SkippedPart {
  part: TrainingPart
  why: string
}

export const PART_NAMES: Record<TrainingPart, string> = {
  values: "customer values and segments (BG/NBD, Gamma-Gamma, RFM)",
  purchase: "purchase propensity classifier",
  churn: "churn classifier",
  lists: "recommendations",
}

/** Records the part as skipped; returns null (the part's result). */
export function skip(skipped: SkippedPart[], part: TrainingPart, why: string): null {
  skipped.push({ part, why })
  return null
}

/** Runs a part; a shortage of data inside it skips it with the reason instead of failing the run. */
export async function orSkipped<T>(skipped: SkippedPart[], part: TrainingPart, build: () => T | Promise<T>): Promise<T | null> {
  try {
    return await build()
  } catch (error) {
    if (!(error instanceof NotEnoughDataError)) throw error
    return skip(skipped, part, `not enough data: ${error.missing.join("; ")}`)
  }
}

/** The classifiers that the ladder left out, with what they need. */
export function classifierSkips(ladder: { purchase: RungReport; churn: RungReport | null }): SkippedPart[] {
  return [ladder.purchase, ladder.churn].flatMap((rung) =>
    rung && rung.windowDays === null
      ? [{ part: rung.label, why: `${rung.why}; it appears once the store has ${rung.next}` + (rung.rung === "bgnbd" ? " (until then the BG/NBD model gives the probability)" : "") }]
      : []
  )
}

/** The lists' entry of a report: why they were not built. */
export function skippedLists(skipped: readonly SkippedPart[]): { skipped: string } {
  return { skipped: skipped.find((s) => s.part === "lists")?.why ?? "not built" }
}

/** One line per skipped part, as `train` prints them. */
export function skippedLines(skipped: readonly SkippedPart[]): string[] {
  return skipped.map((s) => `skipped ${PART_NAMES[s.part]}: ${s.why}`)
}
