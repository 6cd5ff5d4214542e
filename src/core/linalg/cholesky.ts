/**
 * Cholesky solve of a symmetric positive definite system A x = b, in place.
 *
 * A is n x n, row-major. Only its upper triangle (column >= row) is read, so a caller
 * that accumulates a symmetric matrix can fill just that half. A = Uᵀ U with U upper
 * triangular; U overwrites the upper triangle of A, then Uᵀ z = b (forward) and
 * U x = z (backward) overwrite b with the solution x.
 */

/** Raised when a pivot is not strictly positive: the matrix is not positive definite. */
export class NotPositiveDefiniteError extends Error {
  constructor(
    readonly pivot: number,
    readonly value: number
  ) {
    super(
      `matrix is not positive definite: pivot ${pivot} is ${value} ` +
        `(a column may be constant, duplicated or a combination of others)`
    )
    this.name = "NotPositiveDefiniteError"
  }
}

/**
 * Factorises A (upper triangle, row-major, n x n) into U with A = Uᵀ U, in place.
 * U[i][i] = sqrt(A[i][i] - Σ_{k<i} U[k][i]²),  U[i][j] = (A[i][j] - Σ_{k<i} U[k][i] U[k][j]) / U[i][i].
 */
export function choleskyFactor(a: Float64Array, n: number): void {
  if (a.length !== n * n) {
    throw new RangeError(`matrix has ${a.length} values, expected ${n} x ${n}`)
  }
  for (let i = 0; i < n; i++) {
    let diagonal = a[i * n + i]
    for (let k = 0; k < i; k++) {
      const u = a[k * n + i]
      diagonal -= u * u
    }
    if (!(diagonal > 0) || !Number.isFinite(diagonal)) {
      throw new NotPositiveDefiniteError(i, diagonal)
    }
    const pivot = Math.sqrt(diagonal)
    a[i * n + i] = pivot
    for (let j = i + 1; j < n; j++) {
      let sum = a[i * n + j]
      for (let k = 0; k < i; k++) sum -= a[k * n + i] * a[k * n + j]
      a[i * n + j] = sum / pivot
    }
  }
}

/** Solves Uᵀ U x = b for x given the factor U from choleskyFactor; b is overwritten by x. */
export function choleskySubstitute(u: Float64Array, b: Float64Array, n: number): Float64Array {
  if (b.length !== n) throw new RangeError(`right-hand side has ${b.length} values, expected ${n}`)
  for (let i = 0; i < n; i++) {
    let sum = b[i]
    for (let k = 0; k < i; k++) sum -= u[k * n + i] * b[k]
    b[i] = sum / u[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i]
    for (let k = i + 1; k < n; k++) sum -= u[i * n + k] * b[k]
    b[i] = sum / u[i * n + i]
  }
  return b
}

/**
 * Solves A x = b for symmetric positive definite A. Overwrites the upper triangle of a
 * with the factor U and b with x, and returns b. Throws NotPositiveDefiniteError otherwise.
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  if (b.length !== n) throw new RangeError(`right-hand side has ${b.length} values, expected ${n}`)
  choleskyFactor(a, n)
  return choleskySubstitute(a, b, n)
}
