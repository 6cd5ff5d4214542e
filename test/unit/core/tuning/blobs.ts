import { createMatrix } from "../../../../src/core/linalg/matrix"
import { createRandom } from "../../../../src/core/random"
import type { LabelledRows } from "../../../../src/core/tuning"

export const BLOB_FEATURES = ["spend", "recency", "orders"]

/**
 * Two Gaussian blobs: about 30% positives centred at (1.2, -0.8), negatives at (0, 0), unit
 * variance, plus a heavy-tailed column (e^N(0, 1)) that carries no signal.
 */
export function blobs(n: number, seed: number): LabelledRows {
  const random = createRandom(seed)
  const X = createMatrix(n, 3)
  const y = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    y[i] = random.next() < 0.3 ? 1 : 0
    X.data[i * 3] = random.normal() + (y[i] === 1 ? 1.2 : 0)
    X.data[i * 3 + 1] = random.normal() - (y[i] === 1 ? 0.8 : 0)
    X.data[i * 3 + 2] = Math.exp(random.normal())
  }
  return { X, y }
}
