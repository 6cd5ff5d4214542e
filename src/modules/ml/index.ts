import { Module } from "@medusajs/framework/utils"
import openRuntime from "./loaders/open-runtime"
import { revertMigration, runMigrations } from "./migrations"
import MlModuleService from "./service"

/** The module's key in Medusa's container: `req.scope.resolve(ML_MODULE)`. */
export const ML_MODULE = "ml"

export default {
  ...Module(ML_MODULE, { service: MlModuleService, loaders: [openRuntime] }),
  runMigrations,
  revertMigration,
}

export type { MlModuleService }
