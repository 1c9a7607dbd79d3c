/**
 * No reason reaches the admin screen without a code: every problem and skipped row that reading
 * rosters and frameworks writes carries a code the app words in each language, and its English
 * is the one made from that code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/lib/messages/languages';
import { setLanguage } from '../../src/lib/messages/i18n.svelte';
import type { RowProblem } from '../../src/lib/contracts/roster-report';
import { words } from '../../src/lib/school/row-reason-words';
import { readFrameworkCsv, readFrameworkJson } from '../../sync-server/src/proficiencies/framework-input';
import { readOneRoster } from '../../sync-server/src/roster/oneroster';
import { english } from '../../sync-server/src/roster/row-reason';
import { readSimpleRoster } from '../../sync-server/src/roster/simple-roster';
import { oneRosterFixture } from '../../sync-server/test/roster-district';

const FIXTURES = join(import.meta.dirname, '../../sync-server/test/fixtures');
const SOURCES = [
	join(import.meta.dirname, '../../sync-server/src/roster'),
	join(import.meta.dirname, '../../sync-server/src/proficiencies')
];

function rosterProblems(): RowProblem[] {
	const out: RowProblem[] = [];
	for (const name of readdirSync(join(FIXTURES, 'oneroster'))) {
		const files = oneRosterFixture(name);
		const { roster } = readOneRoster({
			files,
			decide: (orgs) => ({
				allowed: new Set(orgs.slice(0, 1).map((org) => org.sourceId)),
				refused: new Map(
					orgs
						.slice(1)
						.map((org) => [org.sourceId, { code: 'school-not-yours', school: org.name, orgId: org.sourceId }])
				),
				problems: []
			})
		});
		out.push(...roster.problems, ...roster.skipped);
	}
	const broken = [
		{ 'orgs.csv': 'sourcedId,name,type\n"a,b\n', 'users.csv': '' },
		{ 'orgs.csv': 'sourcedId,name,type\n,x,school\ns1,,school\n', 'users.csv': 'sourcedId\n' }
	];
	for (const files of broken) {
		const { roster } = readOneRoster({
			files,
			decide: () => ({ allowed: new Set(), refused: new Map(), problems: [] })
		});
		out.push(...roster.problems, ...roster.skipped);
	}
	const simple = readSimpleRoster(
		'role,id,first_name,last_name,username,grade,advisor_id,student_ids\n' +
			'wizard,W1,Wiz,Ard,wiz.ard,,,\n' +
			'student,S1,,,s.one,10,,\n' +
			'student,S2,Sue,Two,@@,10,,\n' +
			'student,S3,Sam,Three,sam.three,fifth,,\n' +
			'guardian,G1,Gil,One,gil.one,,,\n' +
			',,Nobody,Here,no.body,,,\n'
	);
	out.push(...simple.problems, ...readSimpleRoster(undefined).problems);
	return out;
}

function frameworkProblems(): RowProblem[] {
	const dir = join(FIXTURES, 'proficiencies');
	const csv = (name: string) => readFileSync(join(dir, name), 'utf8');
	return [
		...readFrameworkCsv({}).problems,
		...readFrameworkCsv({
			'proficiencies.csv': csv('proficiencies.csv').replace(',graduation,', ',wisdom,'),
			'scales.csv': csv('scales.csv') + 'four-step,,x,Bad\n'
		}).problems,
		...readFrameworkJson('{').problems,
		...readFrameworkJson('{"scales": {}, "proficiencies": [{"kind": "x"}]}').problems,
		...readFrameworkJson(undefined).problems
	];
}

describe('every reason the server writes is a code', () => {
	afterAll(async () => {
		await setLanguage('en');
	});

	it('rosters and frameworks: each problem has a code, worded in every language, and its English from it', async () => {
		const problems = [...rosterProblems(), ...frameworkProblems()];
		const codes = new Set(problems.map((problem) => problem.why?.code));
		// The inputs above reach many kinds of problem, not a handful.
		expect(codes.size).toBeGreaterThanOrEqual(25);
		for (const problem of problems) {
			expect(problem.why, problem.reason).toBeDefined();
			expect(problem.reason).toBe(english(problem.why));
		}
		for (const { code } of LANGUAGES) {
			await setLanguage(code);
			for (const problem of problems) expect(words(problem.why), `${code}: ${problem.reason}`).toBeTruthy();
		}
	});

	it('the server makes a row problem only from a code (no hand-written reason in the reading code)', () => {
		const offenders: string[] = [];
		for (const dir of SOURCES) {
			for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
				if (name === 'row-reason.ts') continue;
				const text = readFileSync(join(dir, name), 'utf8');
				if (/\breason:\s*[`'"a-z]/.test(text)) offenders.push(name);
			}
		}
		expect(offenders).toEqual([]);
	});
});
