/**
 * Removes the Redis keys of one benchmark app: its queue (BullMQ obliterate) and then
 * any other key under its unique prefix (such as the pending-rescore set). Only keys of
 * that prefix are touched; the shared Redis is never flushed.
 */
import Redis from "ioredis"
import { obliterate, REDIS_URL } from "../../test/queue/harness"

/** Deletes every key under `prefix:`; resolves to how many keys were left before the sweep. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  await obliterate(prefix).catch(() => undefined)
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true })
  let swept = 0
  try {
    await redis.connect()
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500)
      cursor = next
      if (keys.length > 0) swept += await redis.del(...keys)
    } while (cursor !== "0")
  } finally {
    redis.disconnect()
  }
  return swept
}

/** How many keys exist under `prefix:` now (to confirm the clean-up). */
export async function countRedisKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true })
  let count = 0
  try {
    await redis.connect()
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500)
      cursor = next
      count += keys.length
    } while (cursor !== "0")
  } finally {
    redis.disconnect()
  }
  return count
}
