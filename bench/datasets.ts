import { existsSync } from "node:fs"
import path from "node:path"

/** The shared datasets folder, beside the repository (never copied into it); MEDUSA_ML_DATASETS points elsewhere (a checkout one level deeper). */
export const DATASETS_DIR = process.env.MEDUSA_ML_DATASETS ?? path.resolve(__dirname, "../../shared/datasets")

/** The path of a dataset file; throws a clear error when the datasets folder or the file is missing. */
export function datasetFile(relative: string): string {
  const file = path.join(DATASETS_DIR, relative)
  if (!existsSync(file)) {
    throw new Error(
      `dataset missing: ${file} (the benchmarks and quality tests read ../shared/datasets beside the repository; ` +
        `see ../shared/datasets/README.md)`
    )
  }
  return file
}
