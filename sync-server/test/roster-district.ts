/**
 * A generated OneRoster 1.1 district export (fictional names): one school, `students` students in
 * grades 9–12, one advisor per 25 students through homeroom classes, one guardian per student.
 * Used by the 10,000-student import test and by bench/roster.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SCHOOL_ORG = 'org-hv';

const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Ema', 'Finn', 'Gus', 'Hana', 'Ines', 'Jon', 'Kai', 'Lia'];
const LAST = ['Ames', 'Birch', 'Cole', 'Dunn', 'Eads', 'Fox', 'Gray', 'Hale', 'Ives', 'Jett', 'Knox'];

const USERS_HEADER =
	'sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password';

export interface DistrictOptions {
	students: number;
	/** Grade of each student, by index (to make a "changed" export). */
	gradeOf?: (index: number) => number;
}

export function generateDistrict(options: DistrictOptions): Record<string, string> {
	const { students } = options;
	const gradeOf = options.gradeOf ?? ((i: number) => 9 + (i % 4));
	const advisors = Math.ceil(students / 25);
	const users = [USERS_HEADER];
	const classes = [
		'sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods'
	];
	const enrollments = [
		'sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate'
	];
	for (let a = 0; a < advisors; a++) {
		users.push(`t-${a},,,true,${SCHOOL_ORG},teacher,advisor.${a},,Advisor,Number ${a},,T${a},,,,,,`);
		classes.push(`c-${a},,,Advisory ${a},,,ADV${a},homeroom,,${SCHOOL_ORG},term-1,,,`);
		enrollments.push(`e-t-${a},,,c-${a},${SCHOOL_ORG},t-${a},teacher,true,,`);
	}
	for (let i = 0; i < students; i++) {
		const first = FIRST[i % FIRST.length]!;
		const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
		const grade = String(gradeOf(i)).padStart(2, '0');
		users.push(
			`s-${i},,,true,${SCHOOL_ORG},student,student.${i},,${first},${last} ${i},,ID${100000 + i},,,,g-${i},${grade},`
		);
		users.push(`g-${i},,,true,org-district,guardian,guardian.${i},,Parent,Of ${first} ${i},,,,,,s-${i},,`);
		enrollments.push(`e-s-${i},,,c-${Math.floor(i / 25)},${SCHOOL_ORG},s-${i},student,false,,`);
	}
	return {
		'orgs.csv': [
			'sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId',
			'org-district,,,Generated District (fictional),district,GD,',
			`${SCHOOL_ORG},,,Generated High (fictional),school,GH,org-district`
		].join('\n'),
		'users.csv': users.join('\n'),
		'classes.csv': classes.join('\n'),
		'enrollments.csv': enrollments.join('\n')
	};
}

/** The CSV files of one fixture folder under test/fixtures/oneroster/, by file name. */
export function oneRosterFixture(name: string): Record<string, string> {
	const dir = path.join(import.meta.dirname, 'fixtures', 'oneroster', name);
	return Object.fromEntries(
		readdirSync(dir)
			.filter((file) => file.endsWith('.csv'))
			.map((file) => [file, readFileSync(path.join(dir, file), 'utf8')])
	);
}
