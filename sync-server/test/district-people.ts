/**
 * Set-up for tests of people the roster imported (transfers, leavers, birth dates): imported
 * people have no password and their schools no admin, so a test gives them what it needs.
 */
import { createHash } from 'node:crypto';
import { AccountStore } from '../src/auth/accounts';
import { hashPassword } from '../src/auth/passwords';
import type { Database } from '../src/db';
import { DEMO_PASSWORD } from './helpers';

/** Gives these imported people the demo password. */
export async function givePassword(db: Database, ...usernames: string[]): Promise<void> {
	const hash = await hashPassword(DEMO_PASSWORD);
	for (const username of usernames) {
		db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(hash, username);
	}
}

/** A school admin (demo password) of a school a roster import created. */
export async function createSchoolAdmin(db: Database, schoolId: string, username: string): Promise<void> {
	new AccountStore(db).createUser({
		schoolId,
		username,
		displayName: `Office of ${username}`,
		role: 'admin',
		passwordHash: await hashPassword(DEMO_PASSWORD)
	});
}

/** Sends a small PDF as one piece of evidence of a plan, the way the app's uploader does; returns its hash and status. */
export async function uploadPdf(
	url: string,
	token: string,
	planId: string,
	file: Buffer
): Promise<{ hash: string; status: number }> {
	const hash = createHash('sha256').update(file).digest('hex');
	const response = await fetch(
		`${url}/api/blobs/${hash}?planId=${planId}&offset=0&total=${file.length}&type=application/pdf`,
		{
			method: 'PUT',
			headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
			body: new Uint8Array(file)
		}
	);
	return { hash, status: response.status };
}
