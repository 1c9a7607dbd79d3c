/**
 * `npm run district-admin -- <username> [--new-district "Name"]`: names the first district admin of
 * a district from the server (first-district-admin.ts). Uses the same DATA_DIR as the server; safe
 * while it runs (SQLite). Naming and removing the others is done on /district.
 */
import { parseArgs } from 'node:util';
import { AccountStore } from '../auth/accounts';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db';
import { DistrictAdminError, nameDistrictAdmin } from './first-district-admin';

const USAGE =
	'Usage: npm run district-admin -- <username of a school admin> [--new-district "District name"]';

function main(args: string[]): void {
	let parsed;
	try {
		parsed = parseArgs({ args, allowPositionals: true, options: { 'new-district': { type: 'string' } } });
	} catch (error) {
		console.error(`${(error as Error).message}\n${USAGE}`);
		process.exitCode = 2;
		return;
	}
	const [username, ...rest] = parsed.positionals;
	if (!username || rest.length > 0) {
		console.error(USAGE);
		process.exitCode = 2;
		return;
	}
	const config = loadConfig();
	const db = openDatabase(config.dataDir);
	try {
		const named = nameDistrictAdmin(db, new AccountStore(db), username, {
			newDistrictName: parsed.values['new-district']
		});
		if (named.isNewDistrict) console.log(`District created: ${named.districtName}.`);
		console.log(
			named.wasAlready
				? `${named.displayName} is already a district admin of ${named.districtName}.`
				: `${named.displayName} is now a district admin of ${named.districtName}. They name and remove others on /district.`
		);
	} finally {
		db.close();
	}
}

try {
	main(process.argv.slice(2));
} catch (error) {
	const known = error instanceof DistrictAdminError || error instanceof ConfigError;
	console.error(known ? (error as Error).message : `Failed: ${(error as Error).message}`);
	process.exitCode = 1;
}
