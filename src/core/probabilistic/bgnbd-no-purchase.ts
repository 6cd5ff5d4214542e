/**
 * BG/NBD probability that a customer with history (x, t_x, T) makes no purchase in
 * (T, T+t]. A BG/NBD customer drops out only right after a purchase, so one who makes
 * none in the window is either already gone, or alive throughout with a Poisson rate λ
 * whose posterior given (x, T) is Gamma(r + x, α + T):
 *   P(X(T, T+t) = 0 | x, t_x, T) = 1 − P(alive) + P(alive) · ((α+T)/(α+T+t))^(r+x)
 * (t, t_x and T in the model's time unit).
 */
import { InvalidInputError } from "../errors"
import type { BgNbdModel } from "./bgnbd"

export function probabilityOfNoPurchase(model: BgNbdModel, t: number, x: number, tx: number, T: number): number {
  if (!Number.isFinite(t) || t < 0) throw new InvalidInputError(`t must be a finite number >= 0, got ${t}`, "t")
  const pAlive = model.pAlive(x, tx, T)
  const { r, alpha } = model.params
  const quiet = Math.exp((r + x) * (Math.log(alpha + T) - Math.log(alpha + T + t)))
  return 1 - pAlive + pAlive * quiet
}
