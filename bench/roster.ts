/**
 * Roster import of a generated 10,000-student OneRoster district file (plus 400 advisors and
 * 10,000 guardians) through the real API on a fresh server: the first import, a re-import of the
 * same files that changes nothing, and the admin's school counts over those plans. Prints times;
 * asserts nothing.
 */
import type { RosterReport } from '../src/lib/school/roster-report';
import { api, signIn, startServer } from '../sync-server/test/helpers';
import { generateDistrict } from '../sync-server/test/roster-district';

const STUDENTS = 10_000;

export async function runRosterBench(): Promise<void> {
	const server = await startServer();
	try {
		const admin = await signIn(server.url, 'admin');
		const files = generateDistrict({ students: STUDENTS });
		const megabytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0) / 1e6;
		const timeImport = async () => {
			const started = performance.now();
			const response = await api<RosterReport>(server.url, 'POST', '/api/roster/import', {
				token: admin,
				body: { format: 'oneroster', files, dryRun: false }
			});
			if (response.status !== 200 || !response.body.isApplied) {
				throw new Error(`roster import failed: ${JSON.stringify(response.body).slice(0, 300)}`);
			}
			return { ms: performance.now() - started, report: response.body };
		};
		const first = await timeImport();
		const again = await timeImport();
		const timeSchoolCounts = async () => {
			const started = performance.now();
			const response = await api(server.url, 'GET', '/api/growth/school', { token: admin });
			if (response.status !== 200) throw new Error(`school counts failed: ${response.status}`);
			return performance.now() - started;
		};
		const countsCold = await timeSchoolCounts();
		const countsWarm = await timeSchoolCounts();
		console.log(`\nRoster import (OneRoster CSV, ${STUDENTS} students, ${megabytes.toFixed(1)} MB of files)`);
		console.log(
			`  first import:           ${(first.ms / 1000).toFixed(2)} s  (${first.report.counts.student.created} students, ${first.report.counts.guardian.created} guardians, ${first.report.counts.staff.created} staff, plans written)`
		);
		console.log(
			`  re-import, no change:   ${(again.ms / 1000).toFixed(2)} s  (${again.report.counts.student.unchanged} students unchanged, ${again.report.changes.length} changes)`
		);
		console.log(
			`  school counts (growth): ${(countsCold / 1000).toFixed(2)} s reading every plan, ${(countsWarm / 1000).toFixed(2)} s when no plan changed`
		);
	} finally {
		await server.close();
	}
}
