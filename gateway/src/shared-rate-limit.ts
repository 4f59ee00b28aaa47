import { logger } from '@hub/http/log';
import { createClient } from 'redis';
import { RateLimiter } from './limits.ts';

const log = logger('gateway');

/** Takes one request's worth of `key`'s rate: null when allowed, else the seconds to wait. */
export interface RateLimit {
  take(key: string): Promise<number | null>;
  close(): Promise<void>;
}

/** Each gateway process counts alone (the default: one gateway, or limits per replica). */
export function localRateLimit(perMinute: number): RateLimit {
  const limiter = new RateLimiter(perMinute);
  return {
    async take(key) {
      const verdict = limiter.take(key);
      return verdict.allowed ? null : verdict.retryAfterSeconds;
    },
    async close() {},
  };
}

/**
 * The token bucket of `RateLimiter`, kept in Redis and taken atomically, so that every gateway
 * replica draws on one bucket per caller. The clock is Redis's own (replicas' clocks may differ).
 * KEYS[1] the bucket; ARGV rate per ms, burst. Returns the seconds to wait, 0 when taken.
 */
const takeScript = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or burst
local at = tonumber(bucket[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local wait = 0
if tokens < 1 then
  wait = math.ceil((1 - tokens) / rate / 1000)
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], 600000)
return wait
`;

/** How long a gateway waits for Redis before it decides alone. */
const redisTimeoutMs = 250;

/**
 * Rate limits shared by every gateway replica through Redis (HUB_REDIS_URL). While Redis cannot
 * be reached the gateway falls back to counting alone (`localRateLimit`): limits then hold per
 * replica rather than not at all, and no request waits on Redis for more than 250 ms.
 */
export function redisRateLimit(url: string, perMinute: number, prefix: string): RateLimit {
  const fallback = localRateLimit(perMinute);
  const rate = String(perMinute / 60_000);
  const burst = String(Math.max(10, Math.ceil(perMinute / 10)));
  const client = createClient({
    url,
    socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(retries * 200, 5000) },
    disableOfflineQueue: true,
  });
  let warnedAt = 0;
  const warn = (error: unknown) => {
    if (Date.now() - warnedAt > 60_000) {
      warnedAt = Date.now();
      log.warn(`rate limits counted by this gateway alone: Redis at ${new URL(url).host} failed (${(error as Error).message})`);
    }
  };
  client.on('error', warn);
  // Not awaited: connect() keeps retrying while Redis is down, and the gateway must start meanwhile.
  client.connect().catch(warn);
  return {
    async take(key) {
      if (!client.isReady) {
        return fallback.take(key);
      }
      try {
        const wait = await Promise.race([
          client.eval(takeScript, { keys: [`${prefix}${key}`], arguments: [rate, burst] }),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in time')), redisTimeoutMs).unref()),
        ]);
        return Number(wait) > 0 ? Number(wait) : null;
      } catch (error) {
        warn(error);
        return fallback.take(key);
      }
    },
    async close() {
      // At once, also while it is still trying to connect: nothing pending matters to a rate.
      if (client.isOpen) {
        client.destroy();
      }
    },
  };
}
