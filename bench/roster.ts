/**
 * Roster import of a generated 10,000-student OneRoster district export (plus 400 advisors and
 * 10,000 guardians) through the real API on a fresh server, sent as its .zip with manifest.csv:
 * the check, the first import, a re-import that changes nothing, a delta of 100 changed users,
 * the admin's school counts over those plans, and moving all those plans into PostgreSQL (`npm run
 * move-to-postgres`'s function, on a throwaway local cluster). Prints times beside their targets;
 * asserts nothing.
 */
import { strToU8, zipSync } from 'fflate';
import type { RosterReport } from '../src/lib/contracts/roster-report';
import { openPostgres } from '../sync-server/src/postgres/database';
import { moveToPostgres } from '../sync-server/src/storage/move-to-postgres';
import { PostgresDocStore } from '../sync-server/src/storage/postgres-doc-store';
import { createDocStore } from '../sync-server/src/storage/sqlite-doc-store';
import { startPostgres } from '../sync-server/test/engines/services';
import { api, signIn, startServer } from '../sync-server/test/helpers';
import { generateDistrict } from '../sync-server/test/roster-district';

const STUDENTS = 10_000;
const DELTA_ROWS = 100;

const manifest = (mode: 'bulk' | 'delta', files: string[]) =>
	['propertyName,value', 'manifest.version,1.0', 'oneroster.version,1.1']
		.concat(files.map((file) => `file.${file.replace('.csv', '')},${mode}`))
		.join('\n');

function zipBase64(files: Record<string, string>): string {
	const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
	return Buffer.from(zipSync(entries)).toString('base64');
}

/** The users.csv of a delta: the first `rows` students, each one grade up. */
function deltaUsers(users: string, rows: number): string {
	const lines = users.split('\n');
	const students = lines.filter((line) => line.startsWith('s-')).slice(0, rows);
	return [
		lines[0],
		...students.map((line) => line.replace(/,(\d\d),$/, (_, g: string) => `,${Number(g) + 1},`))
	].join('\n');
}

export async function runRosterBench(): Promise<void> {
	const server = await startServer();
	try {
		const admin = await signIn(server.url, 'admin');
		const files = generateDistrict({ students: STUDENTS });
		const archive = zipBase64({ ...files, 'manifest.csv': manifest('bulk', Object.keys(files)) });
		const delta = zipBase64({
			'users.csv': deltaUsers(files['users.csv']!, DELTA_ROWS),
			'manifest.csv': manifest('delta', ['users.csv'])
		});
		const megabytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
		const post = async (body: Record<string, unknown>) => {
			const started = performance.now();
			const response = await api<RosterReport>(server.url, 'POST', '/api/roster/import', {
				token: admin,
				body: { format: 'oneroster', files: {}, ...body }
			});
			if (response.status !== 200)
				throw new Error(`roster import failed: ${JSON.stringify(response.body).slice(0, 300)}`);
			return { ms: performance.now() - started, report: response.body };
		};
		/** A check, then the import it allows; each timed. */
		const checkAndImport = async (zip: string) => {
			const check = await post({ archive: zip, dryRun: true });
			const confirmed = check.report.confirmations.map((confirmation) => confirmation.code);
			const done = await post({
				archive: zip,
				dryRun: false,
				checkToken: check.report.checkToken,
				confirmed
			});
			if (!done.report.isApplied)
				throw new Error(`not applied: ${JSON.stringify(done.report.problems.slice(0, 3))}`);
			return { check, done };
		};
		const first = await checkAndImport(archive);
		const again = await checkAndImport(archive);
		const change = await checkAndImport(delta);
		const timeSchoolCounts = async () => {
			const started = performance.now();
			const response = await api(server.url, 'GET', '/api/growth/school', { token: admin });
			if (response.status !== 200) throw new Error(`school counts failed: ${response.status}`);
			return performance.now() - started;
		};
		const countsCold = await timeSchoolCounts();
		const countsWarm = await timeSchoolCounts();
		const moved = await timeMove(server.server.db);
		const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
		console.log(
			`\nRoster import (OneRoster 1.1 .zip with manifest, ${STUDENTS} students, ${megabytes.toFixed(1)} MB of CSV, ${(archive.length / 1e6).toFixed(1)} MB base64 zip)`
		);
		console.log(
			`  first import:           ${s(first.done.ms)}  target ≤ 10 s  (check before it ${s(first.check.ms)}; ${first.done.report.counts.student.created} students, ${first.done.report.counts.guardian.created} guardians, ${first.done.report.counts.staff.created} staff, plans written)`
		);
		console.log(
			`  re-import, no change:   ${s(again.done.ms)}  (check ${s(again.check.ms)}; ${again.done.report.counts.student.unchanged} students unchanged, ${again.done.report.changes.length} changes)`
		);
		console.log(
			`  delta of ${DELTA_ROWS} rows:      ${s(change.done.ms)}  target ≤ 1 s  (check ${s(change.check.ms)}; ${change.done.report.counts.student.updated} students changed, ${change.done.report.counts.student.deactivated} turned off)`
		);
		console.log(
			`  school counts (growth): ${s(countsCold)} reading every plan, ${s(countsWarm)} when no plan changed`
		);
		console.log(
			`  move to PostgreSQL:     ${s(moved.ms)}  (${moved.report.documents} documents, ${(moved.report.bytes / 1e6).toFixed(1)} MB, each read back and checked; ${moved.audit?.entries ?? 0} audit entries and ${moved.frameworks?.versions ?? 0} framework versions, each compared; no target)`
		);
	} finally {
		await server.close();
	}
}

/** The move of a data folder's plans, audit log and frameworks into an empty PostgreSQL, timed. */
async function timeMove(db: Parameters<typeof createDocStore>[0]) {
	const postgres = await startPostgres();
	const pool = await openPostgres(postgres.url);
	const target = new PostgresDocStore(pool);
	const source = createDocStore(db);
	try {
		const started = performance.now();
		// What npm run move-to-postgres moves besides the evidence (the bench has none): documents, audit log, frameworks.
		const {
			documents: report,
			audit,
			frameworks
		} = await moveToPostgres(db, {
			documents: { source, target },
			audit: { target: pool },
			frameworks: { target: pool }
		});
		return { ms: performance.now() - started, report, audit, frameworks };
	} finally {
		source.close();
		await target.close();
		await pool.end();
		await postgres.stop();
	}
}
