/**
 * The plugin options as the module validated them, for the one place that needs them
 * before any container is at hand: the scheduled job's cron expression, which Medusa
 * reads when it loads the job file (after the modules have loaded).
 */
import { parsePluginOptions, type PluginOptions } from "../../config/plugin-options"

let loaded: PluginOptions | null = null

export function rememberOptions(options: PluginOptions): void {
  loaded = options
}

/** The validated options, or the defaults when the module has not loaded in this process. */
export function loadedOptions(): PluginOptions {
  return loaded ?? parsePluginOptions({})
}
