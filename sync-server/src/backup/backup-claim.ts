/**
 * Which process makes the daily backup when several share one data folder (decision 0116). Every
 * process's timer fires at BACKUP_TIME; each asks its claim for that day's slot, and only the one
 * that gets it backs up. One implementation per engine, chosen once (shared/shared-state.ts).
 */

export interface BackupClaim {
	/**
	 * Claims the daily backup of one slot (the scheduled instant, ms since 1970, the same on every
	 * process): true for exactly one caller per slot. Rejects when it cannot tell (the shared store
	 * is unreachable); the schedule then backs up anyway, since two backups are better than none.
	 */
	claim(slotMs: number): Promise<boolean>;
}

/** One process alone (no REDIS_URL): it always makes its backup. */
export class OneProcessClaim implements BackupClaim {
	async claim(_slotMs: number): Promise<boolean> {
		return true;
	}
}
