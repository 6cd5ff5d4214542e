/**
 * A dense row-major matrix of float64 values: row i, column j is data[i * cols + j].
 * Feature matrices are built once and read many times, so one typed array beats
 * arrays of arrays in both memory and speed.
 */
export interface Matrix {
  readonly rows: number
  readonly cols: number
  readonly data: Float64Array
}

export function createMatrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (data && data.length !== rows * cols) {
    throw new RangeError(`matrix data has ${data.length} values, expected ${rows} x ${cols}`)
  }
  return { rows, cols, data: data ?? new Float64Array(rows * cols) }
}

/** Builds a matrix from an array of equal-length rows (handy in tests). */
export function matrixFromRows(rows: readonly (readonly number[])[]): Matrix {
  const cols = rows.length ? rows[0].length : 0
  const m = createMatrix(rows.length, cols)
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new RangeError(`row ${i} has ${row.length} values, expected ${cols}`)
    m.data.set(row, i * cols)
  })
  return m
}

/** A view-free copy of row i. */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.slice(i * m.cols, (i + 1) * m.cols)
}

/** A new matrix holding the given rows, in the given order. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, m.cols)
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]
    out.data.set(m.data.subarray(i * m.cols, (i + 1) * m.cols), k * m.cols)
  }
  return out
}
