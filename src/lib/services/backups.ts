/** The admin's backups: the last runs, a backup now, and the whole school's archive. */
import { t } from '../messages';
import { auth } from '../state/auth.svelte';
import { backupApi, type BackupStatus } from '../sync/backup-api';
import { saveFile } from './files';

export type { BackupStatus } from '../sync/backup-api';

function token(): string {
	const current = auth.token;
	if (!current) throw new Error(t.auth.signInAgain);
	return current;
}

export const backupStatus = (): Promise<BackupStatus> => backupApi.status(token());

/** Runs a backup, then answers the status as it stands after it. */
export async function backUpNow(): Promise<BackupStatus> {
	await backupApi.backUpNow(token());
	return backupApi.status(token());
}

export async function downloadSchoolArchive(): Promise<void> {
	saveFile(await backupApi.schoolArchive(token()), 'pathways-school.zip');
}
