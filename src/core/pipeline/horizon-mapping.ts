/**
 * From a classifier's label window to the window asked for. A classifier trained on
 * w-day windows (a young store's history fits no longer ones) predicts P(no order in w);
 * the target window h ≥ w is reached by BG/NBD's conditional continuation:
 *   P(no order in h) = P(no order in w) · P_BG(no order in h) / P_BG(no order in w)
 * i.e. the classifier's answer for the first w days times BG/NBD's chance that a customer
 * quiet for w days stays quiet to h (exactly P_BG(none in (w, h] | none in w)). The result
 * stays a probability, equals the classifier's when h = w, and equals BG/NBD's alone when
 * the classifier agrees with BG/NBD on the first w days. The same ratio serves a target
 * shorter than w (a churn window below the horizon, scored from the purchase classifier),
 * clipped to [0, 1].
 */

/** P(no order in the target window) from the classifier's P(no order in its window) and BG/NBD's two figures. */
export function mapNoOrderProbability(classifierNoOrder: number, bgNoOrderWindow: number, bgNoOrderTarget: number): number {
  if (!(bgNoOrderWindow > 0)) return classifierNoOrder
  // a target shorter than the window (a churn window below the horizon) gives a ratio above 1
  return Math.min(1, Math.max(0, (classifierNoOrder * bgNoOrderTarget) / bgNoOrderWindow))
}
