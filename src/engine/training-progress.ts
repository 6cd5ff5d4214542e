/**
 * A training's stages and their share of the whole, so a progress bar moves evenly:
 * the shares are rough wall-time proportions of a training on a few thousand customers.
 */
const STAGES: [stage: string, share: number][] = [
  ["reading", 0.05],
  ["value", 0.03],
  ["purchase", 0.3],
  ["churn", 0.2],
  ["scoring", 0.07],
  ["recommend", 0.25],
  ["compare", 0.03],
  ["writing", 0.07],
]

const START = new Map<string, number>()
const SHARE = new Map<string, number>()
let at = 0
for (const [stage, share] of STAGES) {
  START.set(stage, at)
  SHARE.set(stage, share)
  at += share
}

/** The whole run's fraction done when `stage` is `fraction` done (an unknown stage keeps 0). */
export function overallProgress(stage: string, fraction: number): number {
  const start = START.get(stage)
  if (start === undefined) return 0
  const clamped = Math.min(1, Math.max(0, fraction))
  return Math.round((start + clamped * (SHARE.get(stage) ?? 0)) * 1000) / 1000
}
