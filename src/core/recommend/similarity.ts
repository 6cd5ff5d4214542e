/**
 * How a co-occurrence count becomes a neighbour score. With co = Σ_c f_c · min(w_ci, w_cj) the
 * weighted number of contexts holding both i and j (f_c the context's size factor, w the time
 * decays), n_i = Σ_c f_c · w_ci the weighted number holding i, N the number of contexts and
 * α the popularity damping of the candidate j:
 *   cosine   s(i → j) = co / (n_i^(1 - α) · n_j^α)   α = 0.5 is the plain cosine; a larger α
 *                                                     favours rarer candidates, α = 0 is P(j | i)
 *   lift     s(i → j) = co · N / (n_i · n_j^α)       α = 1 is the lift (PMI = its log); a smaller
 *                                                     α damps its pull towards rare candidates
 *   jaccard  s(i → j) = co / (n_i + n_j - co)        symmetric, in [0, 1]; α is not used
 * The factor of n_i matters although it is constant within one product's list: a cart or a
 * customer's history sums the lists of several products.
 */
export const NORMALISATIONS = ["cosine", "lift", "jaccard"] as const
export type Normalisation = (typeof NORMALISATIONS)[number]

/**
 * The scores as s(i → j) = co · source_i · candidate_j for cosine and lift, with the per-product
 * factors computed once per build (no power per pair); jaccard needs the counts themselves.
 */
export interface SimilarityScales {
  source: Float64Array
  candidate: Float64Array
}

export function similarityScales(
  normalisation: Normalisation,
  damping: number,
  counts: Float64Array,
  contextCount: number,
): SimilarityScales {
  const source = new Float64Array(counts.length)
  const candidate = new Float64Array(counts.length)
  for (let p = 0; p < counts.length; p++) {
    if (normalisation === "cosine") source[p] = Math.pow(counts[p], damping - 1)
    else source[p] = contextCount / counts[p]
    candidate[p] = Math.pow(counts[p], -damping)
  }
  return { source, candidate }
}

/** s(i → j) from co and n_i, n_j (counts) with the scales of similarityScales. */
export function similarity(
  normalisation: Normalisation,
  co: number,
  i: number,
  j: number,
  counts: Float64Array,
  scales: SimilarityScales,
): number {
  if (normalisation === "jaccard") return co / (counts[i] + counts[j] - co)
  return co * scales.source[i] * scales.candidate[j]
}
