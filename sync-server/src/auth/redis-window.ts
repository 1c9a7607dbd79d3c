/**
 * The sliding window of attempts in Redis, shared by sign-in counts (redis-sign-in-guard.ts) and
 * guesses of invite codes and guests' links (redis-attempt-limiter.ts). Each key is a sorted set
 * of attempt times (score = the server's clock, ms). One Lua script, which Redis runs alone, trims
 * every key, refuses when any is at its limit, and otherwise adds the attempt to all of them
 * (decision 0116). Every key expires with the window, so nothing is left behind.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

// KEYS: the attempt's keys. ARGV: now, window (ms), this attempt's member, then one limit per key.
const BEGIN_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local wait = 0
for i, key in ipairs(KEYS) do
	redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
	local limit = tonumber(ARGV[3 + i])
	local count = redis.call('ZCARD', key)
	if count >= limit then
		local oldest = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
		local seconds = math.ceil((tonumber(oldest[2]) + window - now) / 1000)
		if seconds < 1 then seconds = 1 end
		if seconds > wait then wait = seconds end
	end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
	redis.call('ZADD', key, now, ARGV[3])
	redis.call('PEXPIRE', key, window)
end
return 0
`;

/** Counts one attempt in every key and resolves 0, or resolves the seconds to wait (nothing counted). */
export async function beginInWindow(
	redis: Redis,
	keys: readonly { key: string; limit: number }[],
	windowMs: number,
	now: number
): Promise<number> {
	const wait = await redis.eval(
		BEGIN_SCRIPT,
		keys.length,
		...keys.map(({ key }) => key),
		now,
		windowMs,
		`${now}:${randomUUID()}`,
		...keys.map(({ limit }) => limit)
	);
	return Number(wait);
}
