export { AbortError } from "./abort"
export {
  chooseCalibration,
  crossFittedProbabilities,
  stratifiedHalves,
  type CalibrationChoice,
  type CalibrationMethod,
} from "./calibration-choice"
export { refitOnAll } from "./refit"
export {
  loadTrainedPipeline,
  TRAINED_PIPELINE_TYPE,
  TRAINED_PIPELINE_VERSION,
  TrainedPipeline,
} from "./trained-pipeline"
export { planTrials, TRIAL_SHARES, type PlannedTrial } from "./trial-plan"
export { isBetterCandidate, PR_AUC_TIE, tuneBinaryTask } from "./tune-binary-task"
export {
  TUNING_DEFAULTS,
  type LabelledRows,
  type TunedCandidate,
  type TunedTask,
  type TunedWinner,
  type TuneInput,
  type TuneOptions,
} from "./types"
export {
  CALIBRATION_TABLE_BINS,
  rankedImportance,
  type CandidateMetrics,
  type FeatureImportance,
  type WinnerMetrics,
} from "./winner-report"
