/**
 * One daily backup for N processes (issue 19, decision 0116): several processes on one data folder
 * and one Redis each reach the daily slot; only the one that claims it in Redis backs up, also when
 * another's timer fires after the winner finished. Each holder here is what a process has: its own
 * connection to the shared SQLite file, its own Redis connection, its own schedule.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { listBackups } from '../../src/backup/backup';
import { OneProcessClaim, type BackupClaim } from '../../src/backup/backup-claim';
import { startBackupSchedule, type BackupRunner } from '../../src/backup/backup-schedule';
import { RedisBackupClaim } from '../../src/backup/redis-backup-claim';
import { openDatabase, type Database } from '../../src/db';

const SLOT = Date.UTC(2026, 11, 3, 2, 30);
const DAY_MS = 86_400_000;

describe('the daily backup of several processes', () => {
	const root = mkdtempSync(path.join(tmpdir(), 'pathways-backup-claim-'));
	const dataDir = path.join(root, 'data');
	const backupDir = path.join(root, 'backups');
	const prefix = `test-${randomUUID()}:`;
	const links: Redis[] = [];
	const databases: Database[] = [];
	const runners: BackupRunner[] = [];
	const warnings: string[] = [];
	let clockMs = SLOT;

	const log = {
		info: () => undefined,
		warn: (_details: unknown, message: string) => warnings.push(message),
		error: () => undefined
	} as unknown as FastifyBaseLogger;

	/** What one process holds: a connection to the shared file, a schedule, and a claim. */
	const holder = (claim: BackupClaim): BackupRunner => {
		const db = openDatabase(dataDir);
		databases.push(db);
		const runner = startBackupSchedule({
			db,
			dataDir,
			// No timer here: the test reaches the slot itself, as each process's timer would.
			settings: { isEnabled: false, timeUtc: '02:30', keep: 14, dir: backupDir },
			claim,
			now: () => clockMs,
			log
		});
		runners.push(runner);
		return runner;
	};
	const redisHolder = (): BackupRunner => {
		const redis = new Redis(inject('redisUrl'));
		links.push(redis);
		return holder(new RedisBackupClaim(redis, prefix, randomUUID()));
	};
	const backupRows = () =>
		(databases[0]!.prepare('SELECT count(*) AS n FROM backups').get() as { n: number }).n;

	afterAll(async () => {
		for (const runner of runners) await runner.stop();
		for (const db of databases) db.close();
		for (const link of links) await link.quit();
		rmSync(root, { recursive: true, force: true });
	});

	it('makes one backup when three processes reach the slot at once, and none when a late one does', async () => {
		const [a, b, c] = [redisHolder(), redisHolder(), redisHolder()];
		const made = await Promise.all([a, b, c].map((runner) => runner.runScheduled(SLOT)));
		expect(made.filter((dir) => dir !== null)).toHaveLength(1);
		expect(listBackups(backupDir)).toHaveLength(1);
		expect(backupRows()).toBe(1);

		// A fourth process whose clock is a little late reaches the same slot after the backup is done.
		clockMs = SLOT + 40_000;
		expect(await redisHolder().runScheduled(SLOT)).toBeNull();
		expect(listBackups(backupDir)).toHaveLength(1);

		// The next day, again one backup among them.
		clockMs = SLOT + DAY_MS;
		const next = await Promise.all([a, b, c].map((runner) => runner.runScheduled(SLOT + DAY_MS)));
		expect(next.filter((dir) => dir !== null)).toHaveLength(1);
		expect(listBackups(backupDir)).toHaveLength(2);
		expect(backupRows()).toBe(2);
	});

	it('backs up anyway when the claim cannot be asked (Redis unreachable): two backups are better than none', async () => {
		// Nothing listens on port 1: as the server's own command link does, it fails at once.
		const gone = new Redis('redis://127.0.0.1:1', {
			lazyConnect: true,
			enableOfflineQueue: false,
			retryStrategy: () => null
		});
		gone.on('error', () => undefined);
		clockMs = SLOT + 2 * DAY_MS;
		const runner = holder(new RedisBackupClaim(gone, prefix, randomUUID()));
		expect(await runner.runScheduled(SLOT + 2 * DAY_MS)).not.toBeNull();
		expect(warnings).toContain('could not claim the daily backup; making it here');
		expect(listBackups(backupDir)).toHaveLength(3);
	});

	it('one process alone (no REDIS_URL) makes every daily backup itself', async () => {
		clockMs = SLOT + 3 * DAY_MS;
		const alone = holder(new OneProcessClaim());
		expect(await alone.runScheduled(SLOT + 3 * DAY_MS)).not.toBeNull();
		expect(listBackups(backupDir)).toHaveLength(4);
	});
});
