/**
 * The daily backup's claim in Redis (REDIS_URL, several processes): `SET key NX PX`, one key per
 * slot. Redis sets it for the first caller only, so one process backs up however the timers of the
 * others are spread around the slot (a process that fires after the winner finished still finds
 * the key). The key expires after CLAIM_MS, longer than any gap between the processes' clocks and
 * shorter than a day, so Redis keeps one small key per day at most.
 */
import type { Redis } from 'ioredis';
import type { BackupClaim } from './backup-claim';

const CLAIM_MS = 12 * 3_600_000;

export class RedisBackupClaim implements BackupClaim {
	/** `redis` is a command connection the caller owns; `holder` names this process in the key's value. */
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
		private readonly holder: string
	) {}

	async claim(slotMs: number): Promise<boolean> {
		const key = `${this.prefix}backup:${new Date(slotMs).toISOString()}`;
		const answer = await this.redis.set(key, this.holder, 'PX', CLAIM_MS, 'NX');
		return answer === 'OK';
	}
}
