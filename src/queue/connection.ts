import IORedis from "ioredis"

/**
 * One Redis connection for the plugin's queues. BullMQ requires
 * `maxRetriesPerRequest: null` on connections that block (workers).
 */
export function createRedisConnection(redisUrl: string): IORedis {
  return new IORedis(redisUrl, {
    maxRetriesPerRequest: null,
    enableReadyCheck: false,
    // connect at once, in the background: with a lazy connection, a Redis that was down
    // when the app started failed BullMQ's first connect for good, and nothing was queued
    // until a restart; an unreachable Redis must not hold start-up either: retry
    retryStrategy: (attempt) => Math.min(attempt * 500, 5_000),
  })
}

/** True when Redis answers PING within the timeout. */
export async function redisAnswers(connection: IORedis, timeoutMs = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs)
  })
  const ping = connection.ping().then(
    (reply) => reply === "PONG",
    () => false
  )
  try {
    return await Promise.race([ping, timeout])
  } finally {
    clearTimeout(timer)
  }
}
