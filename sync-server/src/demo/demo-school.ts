/**
 * The demo school: a clearly fictional school seeded into an empty database so that `npm start`
 * shows something real to click through. Every account shares one printed password, which is why
 * this must be off (SEED_DEMO=0) for a real school.
 */
import type { Role } from '../../../src/lib/plp/access';
import { transaction, type Database } from '../db';
import type { AccountStore, StaffTitle } from '../auth/accounts';
import { hashPassword } from '../auth/passwords';
import { SchoolStore } from '../auth/school-store';
import { DistrictAdmins } from '../self-assessment/district-admins';

export const DEMO_SCHOOL_NAME = 'Maple Ridge Demo School (fictional)';
export const DEMO_SCHOOL_ID = 'demo-maple-ridge';
/** The demo school's district: its district admin may create and update schools by roster import. */
export const DEMO_DISTRICT_NAME = 'Maple Ridge Demo District (fictional)';
export const DEMO_DISTRICT_ID = 'demo-district';
/** Public on purpose: it is printed at start-up and written in the README. */
export const DEMO_PASSWORD = 'maple-ridge-demo';

/** How far along a demo student's plan is, so the demo shows plans in different states. */
export type DemoPlanStage = 'new' | 'drafting' | 'active' | 'transition';

export interface DemoAccount {
	id: string;
	username: string;
	displayName: string;
	role: Role;
	staffTitle?: StaffTitle;
	/** One line for the start-up printout, e.g. "advisor of Amara, Ben and Carmen". */
	note: string;
}

export interface DemoStudent extends DemoAccount {
	planId: string;
	grade: number;
	stage: DemoPlanStage;
	advisorId: string;
}

export interface DemoSeed {
	schoolId: string;
	schoolName: string;
	password: string;
	accounts: DemoAccount[];
	students: DemoStudent[];
}

/** The demo school's admin, who is recorded as the one who saved the demo framework. */
export const DEMO_ADMIN_ID = 'demo-admin';
const ADMIN: DemoAccount = {
	id: DEMO_ADMIN_ID,
	username: 'admin',
	displayName: 'Dana Whitfield',
	role: 'admin',
	note: 'school admin: reads every plan, manages accounts'
};
const DISTRICT_ADMIN: DemoAccount = {
	id: 'demo-district-admin',
	username: 'district',
	displayName: 'Robin Okafor',
	role: 'admin',
	note: "district admin: a roster import may create and update the district's schools"
};
const RIVERA: DemoAccount = {
	id: 'demo-rivera',
	username: 'rivera',
	displayName: 'Lucia Rivera',
	role: 'staff',
	staffTitle: 'advisor',
	note: 'advisor of Amara, Ben and Carmen'
};
const CHEN: DemoAccount = {
	id: 'demo-chen',
	username: 'chen',
	displayName: 'Sam Chen',
	role: 'staff',
	staffTitle: 'advisor',
	note: 'advisor of Dev and Eli'
};

const STAGE_WORDS: Record<DemoPlanStage, string> = {
	new: 'plan just started',
	drafting: 'plan being drafted',
	active: 'plan under way',
	transition: 'planning the move after school'
};

function student(
	name: string,
	surname: string,
	grade: number,
	stage: DemoPlanStage,
	advisor: DemoAccount
): DemoStudent {
	const username = name.toLowerCase();
	return {
		id: `demo-${username}`,
		username,
		displayName: `${name} ${surname}`,
		role: 'student',
		note: `student, grade ${grade}, ${STAGE_WORDS[stage]}`,
		planId: `demo-${username}`,
		grade,
		stage,
		advisorId: advisor.id
	};
}

const STUDENTS: DemoStudent[] = [
	student('Amara', 'Okoye', 9, 'new', RIVERA),
	student('Ben', 'Larsen', 10, 'drafting', RIVERA),
	student('Carmen', 'Diaz', 11, 'active', RIVERA),
	student('Dev', 'Patel', 12, 'transition', CHEN),
	student('Eli', 'Brooks', 10, 'active', CHEN)
];

const GUARDIAN: DemoAccount = {
	id: 'demo-grace',
	username: 'grace',
	displayName: 'Grace Okoye',
	role: 'guardian',
	note: "Amara's guardian: reads her plan, writes the family part"
};
const GUARDIAN_OF = 'demo-amara';

/**
 * Seeds the demo school when the database has no users yet. Returns what was created, or null
 * when the database already had users (the demo is never seeded twice or into a real school).
 */
export async function seedDemoSchool(
	db: Database,
	accounts: AccountStore,
	schools = new SchoolStore(db)
): Promise<DemoSeed | null> {
	if (accounts.countUsers() > 0) return null;
	// One hash for all demo accounts: they share a password that is printed for everyone to read,
	// so separate salts would protect nothing, and start-up stays fast.
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	return transaction(db, () => {
		if (accounts.countUsers() > 0) return null;
		schools.createSchool({ id: DEMO_SCHOOL_ID, name: DEMO_SCHOOL_NAME });
		const schoolId = DEMO_SCHOOL_ID;
		for (const person of [ADMIN, DISTRICT_ADMIN, RIVERA, CHEN, GUARDIAN]) {
			accounts.createUser({ ...person, schoolId, passwordHash });
		}
		schools.createDistrict(DEMO_DISTRICT_ID, DEMO_DISTRICT_NAME);
		schools.joinDistrict(schoolId, DEMO_DISTRICT_ID);
		new DistrictAdmins(db).makeDistrictAdmin(DISTRICT_ADMIN.id, DEMO_DISTRICT_ID);
		for (const s of STUDENTS) {
			accounts.createUser({ ...s, schoolId, passwordHash });
			accounts.assignCaseload(s.advisorId, s.id);
		}
		accounts.linkGuardian(GUARDIAN.id, GUARDIAN_OF);
		return {
			schoolId,
			schoolName: DEMO_SCHOOL_NAME,
			password: DEMO_PASSWORD,
			accounts: [ADMIN, DISTRICT_ADMIN, RIVERA, CHEN, ...STUDENTS, GUARDIAN],
			students: STUDENTS
		};
	});
}

/** The start-up printout: how to sign in to the demo school. */
export function formatDemoSignIn(seed: DemoSeed, url: string): string {
	const width = Math.max(...seed.accounts.map((a) => a.username.length));
	const lines = [
		`Seeded the demo school "${seed.schoolName}". Sign in at ${url} as:`,
		...seed.accounts.map((a) => `  ${a.username.padEnd(width)}  ${a.displayName} — ${a.note}`),
		`All demo accounts use the password: ${seed.password}`,
		'This is printed only on this first start. For a real school, start on an empty data folder with SEED_DEMO=0.'
	];
	return lines.join('\n');
}
