/**
 * What the processes behind one address share besides the database and the fan-out: sign-in
 * attempt counts, guesses of invite codes and guests' links, and the daily backup's claim. Chosen once, here: in this process alone (no
 * REDIS_URL), or in Redis, on one command connection for both (decision 0116).
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { MemorySignInGuard, type SignInGuard } from '../auth/sign-in-guard';
import { RedisSignInGuard } from '../auth/redis-sign-in-guard';
import { MemoryAttemptLimiter, type AttemptLimiter } from '../auth/attempt-limiter';
import { RedisAttemptLimiter } from '../auth/redis-attempt-limiter';
import { OneProcessClaim, type BackupClaim } from '../backup/backup-claim';
import { RedisBackupClaim } from '../backup/redis-backup-claim';
import type { ServerConfig } from '../config';
import type { HealthProbe } from '../api/health-checks';

export interface SharedState {
	signInGuard: SignInGuard;
	/** Unknown invite codes and guests' links per address. */
	guessLimiter: AttemptLimiter;
	backupClaim: BackupClaim;
	/** Redis's health check (a PING on the command connection); none without Redis. */
	probe: HealthProbe | null;
	close(): Promise<void>;
}

export interface SharedStateOptions {
	now: () => number;
	/** A Redis error (unreachable, restarting). Default: stderr. */
	onError?: (error: Error) => void;
}

export async function openSharedState(
	config: ServerConfig,
	options: SharedStateOptions
): Promise<SharedState> {
	const windowMs = config.signIn.windowMinutes * 60_000;
	const limits = { ...config.signIn, windowMs };
	const guessLimits = { maxAttempts: config.signIn.maxInviteFailuresPerIp, windowMs };
	if (config.redisUrl === null) {
		return {
			signInGuard: new MemorySignInGuard(limits, options.now),
			guessLimiter: new MemoryAttemptLimiter(guessLimits, options.now),
			backupClaim: new OneProcessClaim(),
			probe: null,
			close: async () => {}
		};
	}
	const onError = options.onError ?? ((error) => console.error(`Redis: ${error.message}`));
	// A command fails at once while Redis is away (no queue, one retry), so a sign-in never hangs
	// on it: the guard then counts in this process, and the backup is made anyway.
	const redis = new Redis(config.redisUrl, {
		lazyConnect: true,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 1
	});
	redis.on('error', onError);
	try {
		await redis.connect();
	} catch (cause) {
		redis.disconnect();
		throw new Error(`Cannot connect to Redis: ${(cause as Error).message}`, { cause });
	}
	const prefix = config.redisChannelPrefix;
	return {
		signInGuard: new RedisSignInGuard(redis, prefix, limits, options.now, onError),
		guessLimiter: new RedisAttemptLimiter(redis, prefix, guessLimits, options.now, onError),
		backupClaim: new RedisBackupClaim(redis, prefix, randomUUID()),
		// No offline queue: while Redis is away the PING fails at once; a hung Redis is timed out by the check.
		probe: { part: 'redis', check: () => redis.ping() },
		async close() {
			try {
				await redis.quit();
			} catch {
				redis.disconnect();
			}
		}
	};
}
