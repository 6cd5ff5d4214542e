/**
 * What scoring compares each customer with, from the whole population at the training
 * as-of, stored with the model version: the quintile edges of the RFM segments, the BG/NBD
 * fit behind the bgnbd_* features, and the typical customer the reasons are told against.
 * With them a rescore reads only the customers it rescores (the country encoding is the
 * classifiers' own, stored with them).
 */
import { ModelFormatError } from "../errors"
import { FEATURE_INDEX } from "../features"
import type { Matrix } from "../linalg/matrix"
import { BgNbdModel } from "../probabilistic/bgnbd"
import { rfmEdges, type RfmCustomer, type RfmEdges } from "../segments"
import { classifierInputs } from "./classifier-task"
import type { ScoringClassifier } from "./customer-scorer"
import { columnMedians } from "./explain-scores"
import type { SerializedPopulationFigures } from "./model-bundle"

export interface PopulationFigures {
  /** Epoch ms of the as-of the figures describe (the training as-of). */
  asOf: number
  /** R and F quintile edges over every customer; later recencies are compared with them shifted by the days since. */
  segmentEdges: RfmEdges
  /** The BG/NBD model of the bgnbd_* features, fitted on every customer; null: the run-rate fallback. */
  bgnbdFeatures: BgNbdModel | null
  /** Per input of the classifier the reasons explain, its median over every customer; null without a classifier. */
  reasonReference: Float64Array | null
}

/** Recency, frequency and spend of each raw feature row. */
export function rfmRows(raw: Matrix): RfmCustomer[] {
  const at = (i: number, name: keyof typeof FEATURE_INDEX) => raw.data[i * raw.cols + FEATURE_INDEX[name]]
  return Array.from({ length: raw.rows }, (_, i) => ({
    recencyDays: at(i, "recency_days"),
    frequency: at(i, "frequency_orders"),
    monetary: at(i, "monetary_total"),
  }))
}

/**
 * The figures of a population from its raw feature rows at `asOf` (every customer), the
 * BG/NBD model those rows were built with, and the classifier whose churn risk the reasons
 * explain (the churn classifier, else the purchase one; null: none).
 */
export function populationFiguresOf(
  asOf: number,
  rows: { raw: Matrix; countries: readonly string[]; bgnbdModel: BgNbdModel | null },
  explained: Pick<ScoringClassifier, "columns" | "countryEncoder"> | null
): PopulationFigures {
  return {
    asOf,
    segmentEdges: rfmEdges(rfmRows(rows.raw)),
    bgnbdFeatures: rows.bgnbdModel,
    reasonReference: explained ? columnMedians(classifierInputs(explained, rows.raw, rows.countries)) : null,
  }
}

export function serializePopulationFigures(figures: PopulationFigures): SerializedPopulationFigures {
  return {
    asOf: figures.asOf,
    segmentEdges: { recencyDays: [...figures.segmentEdges.recencyDays], frequency: [...figures.segmentEdges.frequency] },
    bgnbdFeatures: figures.bgnbdFeatures ? figures.bgnbdFeatures.toJSON() : null,
    reasonReference: figures.reasonReference ? Array.from(figures.reasonReference) : null,
  }
}

/**
 * The figures from their stored part. `explainedInputs`: the inputs of the classifier the
 * reasons explain (null: none), which the reference must match one for one. Throws
 * ModelFormatError naming what does not fit.
 */
export function restorePopulationFigures(part: SerializedPopulationFigures, explainedInputs: readonly string[] | null): PopulationFigures {
  const reference = part.reasonReference
  if ((reference === null) !== (explainedInputs === null) || (reference && explainedInputs && reference.length !== explainedInputs.length)) {
    const expected = explainedInputs ? `${explainedInputs.length} values, one per input of the explained classifier` : "null without a classifier"
    throw new ModelFormatError(`customer-models: population.reasonReference has ${reference ? `${reference.length} values` : "none"}, expected ${expected}`)
  }
  let bgnbdFeatures: BgNbdModel | null = null
  try {
    bgnbdFeatures = part.bgnbdFeatures === null ? null : BgNbdModel.fromJSON(part.bgnbdFeatures)
  } catch (error) {
    throw new ModelFormatError(`customer-models: population.bgnbdFeatures: ${error instanceof Error ? error.message : String(error)}`)
  }
  return {
    asOf: part.asOf,
    segmentEdges: { recencyDays: [...part.segmentEdges.recencyDays], frequency: [...part.segmentEdges.frequency] },
    bgnbdFeatures,
    reasonReference: reference ? Float64Array.from(reference) : null,
  }
}
