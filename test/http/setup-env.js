// Medusa logs every boot step at "info"; tests only need its errors.
process.env.LOG_LEVEL = process.env.LOG_LEVEL || "error"
// @medusajs/test-utils reads the database from these. DB_HOST must be "localhost":
// with 127.0.0.1 it turns SSL on and hangs until the timeout.
process.env.DB_HOST = process.env.DB_HOST || "localhost"
process.env.DB_USERNAME = process.env.DB_USERNAME || "postgres"
process.env.DB_PASSWORD = process.env.DB_PASSWORD || ""
process.env.REDIS_URL = process.env.REDIS_URL || "redis://127.0.0.1:6379"
process.env.JWT_SECRET = process.env.JWT_SECRET || "medusa-ml-test-jwt-secret"
process.env.COOKIE_SECRET = process.env.COOKIE_SECRET || "medusa-ml-test-cookie-secret"
// booting a Medusa app takes 10-20 s on a 2-core machine
jest.setTimeout(180_000)
