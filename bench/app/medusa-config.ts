import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "production", process.cwd())

/**
 * The Medusa app the store-API benchmark boots, as a merchant runs it: the admin
 * dashboard disabled, API and jobs in one process (workerMode "shared"). The plugin
 * ("medusa-ml", linked to this repository's build by the benchmark) is installed only
 * when BENCH_ML_PLUGIN_OPTIONS holds its options as JSON, so the same app runs with
 * and without it. The benchmark sets DATABASE_URL before each command.
 */
const pluginOptions = process.env.BENCH_ML_PLUGIN_OPTIONS

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    workerMode: "shared",
    http: {
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
      jwtSecret: process.env.JWT_SECRET ?? "medusa-ml-bench-jwt-secret",
      cookieSecret: process.env.COOKIE_SECRET ?? "medusa-ml-bench-cookie-secret",
    },
  },
  admin: { disable: true },
  plugins: pluginOptions ? [{ resolve: "medusa-ml", options: JSON.parse(pluginOptions) }] : [],
})
