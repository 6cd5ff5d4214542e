export {
  ACTIVITY_WINDOW_DAYS,
  FEATURES,
  FEATURE_COUNT,
  FEATURE_INDEX,
  FEATURE_NAMES,
  heavyTailedFeatureIndices,
} from "./feature-names"
export type { FeatureName } from "./feature-names"
export { buildFeatureRows } from "./customer-features"
export type { FeatureRows, FeatureRowsOptions } from "./customer-features"
export { BGNBD_MIN_CUSTOMERS, BGNBD_PENALIZER, BGNBD_TIME_UNIT_DAYS } from "./bgnbd-features"
export { CountryEncoder, COUNTRY_ENCODER_DEFAULTS, COUNTRY_ENCODER_TYPE, COUNTRY_ENCODER_VERSION } from "./country-encoder"
export type { CountryEncoderOptions } from "./country-encoder"
export { churnLabels, purchaseLabels } from "./labels"
export { buildStackedSet, chooseCutoffs, CUTOFF_DEFAULTS } from "./training-set"
export type { ChosenCutoffs, CutoffBlock, CutoffOptions, LabeledRows, StackedSet, StackedSetOptions } from "./training-set"
