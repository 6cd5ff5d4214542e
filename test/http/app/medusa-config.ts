import path from "node:path"
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "test", process.cwd())

/**
 * The Medusa app the HTTP tests boot: the plugin as a merchant installs it, from
 * this repository's build (`npm run build`). Each test file sets ML_TEST_* variables
 * before the app loads to choose the worker mode and the plugin's options.
 */
const pluginOptions = JSON.parse(process.env.ML_TEST_PLUGIN_OPTIONS ?? "{}")

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    workerMode: (process.env.ML_TEST_WORKER_MODE ?? "shared") as "shared" | "worker" | "server",
    http: {
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
      jwtSecret: process.env.JWT_SECRET,
      cookieSecret: process.env.COOKIE_SECRET,
    },
  },
  admin: { disable: true },
  plugins: [{ resolve: path.resolve(__dirname, "../../.."), options: pluginOptions }],
})
