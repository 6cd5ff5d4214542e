import { InvalidInputError } from "../errors"
import { createMatrix, type Matrix } from "../linalg/matrix"

/**
 * Model-agnostic signed contributions by occlusion.
 *
 *   contribution(i, g) = p(x_i) - p(x_i with the columns of group g set to reference)
 *
 * A positive value means the customer's own values of that group push the prediction up
 * compared with a typical customer (the reference, e.g. the training medians). For a model
 * that is linear in x this is exactly sum over j in g of coef_j * (x_ij - reference_j).
 *
 * Cost: one predict call for X and one per group, each on a full rows x cols matrix.
 *
 * @param groups columns explained together, e.g. all country one-hot columns as one group;
 *   the result has one value per group, in this order. Columns in no group are not explained.
 *   Default: every column on its own.
 * @returns one Float64Array per row of X, with one contribution per group.
 */
export function occlusionContributions(
  predict: (X: Matrix) => Float64Array,
  X: Matrix,
  reference: Float64Array,
  groups?: readonly (readonly number[])[]
): Float64Array[] {
  if (reference.length !== X.cols) {
    throw new InvalidInputError(`reference has ${reference.length} values, expected ${X.cols} (one per column)`, "reference")
  }
  const units = groups ?? Array.from({ length: X.cols }, (_, j) => [j])
  checkGroups(units, X.cols)
  const result = Array.from({ length: X.rows }, () => new Float64Array(units.length))
  if (X.rows === 0) return result

  const base = predictChecked(predict, X)
  // One working copy: occlude a group, predict, then restore it from X before the next group.
  const occluded = createMatrix(X.rows, X.cols, X.data.slice())
  units.forEach((group, g) => {
    setColumns(occluded, group, (i, j) => reference[j])
    const p = predictChecked(predict, occluded)
    for (let i = 0; i < X.rows; i++) result[i][g] = base[i] - p[i]
    setColumns(occluded, group, (i, j) => X.data[i * X.cols + j])
  })
  return result
}

/**
 * Groups named columns for occlusion: columns starting with one of the prefixes form one
 * group each (named after the prefix without a trailing "_"), every other column is its own
 * group. Groups appear in the order of their first column.
 * Example: ["recency_days", "country_DE", "country_FR"] with ["country_"] gives
 * names ["recency_days", "country"] and groups [[0], [1, 2]].
 */
export function groupColumnsByPrefix(
  columns: readonly string[],
  prefixes: readonly string[]
): { names: string[]; groups: number[][] } {
  const names: string[] = []
  const groups: number[][] = []
  const byName = new Map<string, number[]>()
  columns.forEach((column, j) => {
    const prefix = prefixes.find((p) => column.startsWith(p))
    const name = prefix === undefined ? column : prefix.replace(/_$/, "")
    const existing = byName.get(name)
    if (existing) {
      existing.push(j)
      return
    }
    const group = [j]
    byName.set(name, group)
    names.push(name)
    groups.push(group)
  })
  return { names, groups }
}

function checkGroups(groups: readonly (readonly number[])[], cols: number): void {
  const owner = new Map<number, number>()
  groups.forEach((group, g) => {
    if (group.length === 0) throw new InvalidInputError(`group ${g} is empty`, "groups")
    for (const j of group) {
      if (!Number.isInteger(j) || j < 0 || j >= cols) {
        throw new InvalidInputError(`group ${g} names column ${j}, expected an integer from 0 to ${cols - 1}`, "groups")
      }
      const previous = owner.get(j)
      if (previous !== undefined) {
        throw new InvalidInputError(`column ${j} is in group ${previous} and group ${g}, expected at most one group`, "groups")
      }
      owner.set(j, g)
    }
  })
}

function setColumns(m: Matrix, columns: readonly number[], value: (i: number, j: number) => number): void {
  for (let i = 0; i < m.rows; i++) {
    for (const j of columns) m.data[i * m.cols + j] = value(i, j)
  }
}

function predictChecked(predict: (X: Matrix) => Float64Array, X: Matrix): Float64Array {
  const p = predict(X)
  if (p.length !== X.rows) {
    throw new InvalidInputError(`predict returned ${p.length} values for ${X.rows} rows`, "predict")
  }
  return p
}
