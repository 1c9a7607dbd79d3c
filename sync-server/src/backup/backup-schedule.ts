/**
 * The daily backup inside the running server: at BACKUP_TIME (UTC) every day, one backup, then
 * the oldest beyond BACKUP_KEEP are deleted. A failure is recorded (the admin sees it) and logged;
 * the server keeps serving and tries again the next day. With several processes on one data folder
 * only the one that claims the day's slot makes it (backup-claim.ts, decision 0116).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { BackupSettings } from '../config';
import type { Database } from '../db';
import type { BackupClaim } from './backup-claim';
import { makeBackup, pruneBackups } from './backup';

const DAY_MS = 86_400_000;

/** Milliseconds from `nowMs` to the next `HH:MM` UTC. */
export function msUntil(timeUtc: string, nowMs: number): number {
	const [hours, minutes] = timeUtc.split(':').map(Number) as [number, number];
	const today = new Date(nowMs);
	const next = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hours, minutes);
	return next > nowMs ? next - nowMs : next + DAY_MS - nowMs;
}

export interface BackupRunner {
	/** Makes a backup now (one at a time: a second call while one runs waits for it). */
	runNow(): Promise<string>;
	/**
	 * The daily backup of one slot (the scheduled instant, ms): made here when this process claims
	 * the slot; resolves its folder, or null when another process has it.
	 */
	runScheduled(slotMs: number): Promise<string | null>;
	/** Stops the daily timer and waits for a backup in progress (before the database closes). */
	stop(): Promise<void>;
}

export function startBackupSchedule(deps: {
	db: Database;
	dataDir: string;
	settings: BackupSettings;
	claim: BackupClaim;
	now: () => number;
	log: FastifyBaseLogger;
}): BackupRunner {
	let running: Promise<string> | null = null;
	let timer: NodeJS.Timeout | undefined;
	let isStopped = false;

	const runNow = () => {
		running ??= (async () => {
			try {
				const dir = await makeBackup(deps.db, deps.dataDir, deps.settings.dir, deps.now);
				pruneBackups(deps.settings.dir, deps.settings.keep);
				return dir;
			} finally {
				running = null;
			}
		})();
		return running;
	};

	const runScheduled = async (slotMs: number) => {
		let isOurs: boolean;
		try {
			isOurs = await deps.claim.claim(slotMs);
		} catch (error) {
			// Cannot tell whether another process backs up: two backups are better than none.
			deps.log.warn({ err: error }, 'could not claim the daily backup; making it here');
			isOurs = true;
		}
		if (!isOurs) {
			deps.log.info('the daily backup is made by another process');
			return null;
		}
		return runNow();
	};

	const schedule = () => {
		if (isStopped || !deps.settings.isEnabled) return;
		// Timers use the real clock: the daily time is wall-clock time. The slot is the same
		// instant on every process, whenever each one's timer fires.
		const nowMs = Date.now();
		const wait = msUntil(deps.settings.timeUtc, nowMs);
		const slotMs = nowMs + wait;
		timer = setTimeout(() => {
			runScheduled(slotMs)
				.catch((error: unknown) => deps.log.error({ err: error }, 'daily backup failed'))
				.finally(schedule);
		}, wait);
		timer.unref();
	};
	schedule();

	return {
		runNow,
		runScheduled,
		async stop() {
			isStopped = true;
			clearTimeout(timer);
			await running?.catch(() => undefined);
		}
	};
}
