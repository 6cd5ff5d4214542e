/**
 * Removes the Redis keys of one benchmark app: its queue (BullMQ obliterate) and then
 * any other key under its unique prefix (such as the pending-rescore set). Only keys of
 * that prefix are touched; the shared Redis is never flushed.
 */
import Redis from "ioredis"
import { obliterate, REDIS_URL } from "../../test/queue/harness"

/** Calls `onKeys` with every batch of keys under `prefix:` (SCAN, so a large keyspace is never read at once). */
async function forEachKeyBatch(prefix: string, onKeys: (redis: Redis, keys: string[]) => Promise<void>): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true })
  try {
    await redis.connect()
    let cursor = "0"
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500)
      cursor = next
      if (keys.length > 0) await onKeys(redis, keys)
    } while (cursor !== "0")
  } finally {
    redis.disconnect()
  }
}

/** Deletes every key under `prefix:`; resolves to how many keys were left before the sweep. */
export async function deleteRedisKeys(prefix: string): Promise<number> {
  await obliterate(prefix).catch(() => undefined)
  let swept = 0
  await forEachKeyBatch(prefix, async (redis, keys) => {
    swept += await redis.del(...keys)
  })
  return swept
}

/** How many keys exist under `prefix:` now (to confirm the clean-up). */
export async function countRedisKeys(prefix: string): Promise<number> {
  let count = 0
  await forEachKeyBatch(prefix, async (_redis, keys) => {
    count += keys.length
  })
  return count
}
