/**
 * One roster import: compare the file with what earlier imports wrote, then (unless it is a dry run,
 * or there are problems and the admin did not ask for only the good rows) write exactly the
 * differences in one transaction. New students get their plan document, pre-filled with their plan
 * information, before that transaction commits, so no student ever exists without their plan.
 */
import { randomUUID } from 'node:crypto';
import type { PlanInfo } from '../../../src/lib/plp/schema';
import {
	emptyCounts,
	type PersonChange,
	type PersonField,
	type RosterConfirmation,
	type RosterConfirmationCode,
	type RosterReport
} from '../../../src/lib/contracts/roster-report';
import { ApiError } from '../api/errors';
import { newPlanId, type School, type StaffTitle } from '../auth/accounts';
import type { ServerDocWriter, StoredUpdate } from '../contracts';
import { transaction, type Database } from '../db';
import { newPlanUpdates } from '../plans/new-plan';
import type { Roster, RosterPerson, RowProblem } from './roster-types';
import { pairKey, RosterStore, type LinkedElsewhere, type LinkedUser } from './roster-store';
import { personChangeEnglish, rowProblem, type RowReason } from './row-reason';

const MAX_CHANGES_LISTED = 500;
/** Documents written per commit when a first import creates many plans (bounds the memory held). */
const PLAN_WRITE_BATCH = 2_000;

export interface ImportOptions {
	dryRun: boolean;
	onlyGoodRows: boolean;
	/** The plan's start date written into new plans (YYYY-MM-DD). */
	today: string;
	/** Turning off more than this share of a school's students needs a confirmation (0.1 = 10 %). */
	maxStudentsOffShare: number;
	/** The confirmations the admin agreed to (an import for real needs every one the check listed). */
	confirmed: ReadonlySet<RosterConfirmationCode>;
}

/** What happened to whom, for revoking sessions and rechecking live connections afterwards. */
export interface ImportEffects {
	deactivatedUserIds: string[];
	/** Staff and guardians whose links changed: their open connections are checked again. */
	relinkedUserIds: string[];
	/** Students whose name, student ID, grade or school changed: their plan information follows (see plan-info-sync.ts). */
	planInfoChanges: PlanInfoChange[];
	/** People who moved to another school of the district (their account and plan moved with them). */
	transfers: Transfer[];
}

export interface Transfer {
	userId: string;
	planId: string | null;
	from: { id: string; name: string };
	to: { id: string; name: string };
}

/** Finds a person of the file whom an earlier import put in another school of the district (not `schoolId`). */
export type FindTransfer = (sourceId: string, schoolId: string) => LinkedElsewhere | undefined;

export interface PlanInfoChange {
	userId: string;
	/** What the roster said before (the plan shows it unless someone changed it there) and says now. */
	before: Partial<PlanInfo>;
	after: Partial<PlanInfo>;
}

const gradeText = (grade: number | null) => (grade === null ? '' : String(grade));

interface NewPerson {
	person: RosterPerson;
	userId: string;
	planId: string | null;
}

interface Pending {
	school: School;
	/** Students turned off by this import, and active students of the school before it. */
	studentsOff: number;
	studentsBefore: number;
	creates: NewPerson[];
	adopts: NewPerson[];
	updates: Update[];
	leavers: LinkedUser[];
	/** People of the file who were at another school of the district: they move here. */
	arrivals: LinkedElsewhere[];
	caseloads: { add: [string, string][]; remove: [string, string][] };
	guardianLinks: { add: [string, string][]; remove: [string, string][] };
}

interface Update {
	person: RosterPerson;
	linked: LinkedUser;
	isReactivation: boolean;
	isDeactivation: boolean;
}

const staffTitleOf = (person: RosterPerson): StaffTitle | null =>
	person.role === 'staff' ? person.title : null;

/** One person's changes ("grade 9 → 10"), as a code; undefined when nothing changed. */
function differences(
	person: RosterPerson,
	linked: LinkedUser,
	move?: { from: string; to: string }
): PersonChange | undefined {
	const fields: { field: PersonField; from: string; to: string }[] = [];
	const change = (field: PersonField, from: unknown, to: unknown) => {
		if (from !== to) fields.push({ field, from: String(from ?? '—'), to: String(to ?? '—') });
	};
	if (move) change('school', move.from, move.to);
	change('name', linked.displayName, person.displayName);
	change('username', linked.username, person.username);
	change('title', linked.staffTitle, staffTitleOf(person));
	if (person.role === 'student') {
		change('grade', linked.grade, person.grade);
		change('studentId', linked.studentNumber, person.studentNumber);
		if (person.birthDate !== undefined) change('birthDate', linked.birthDate, person.birthDate);
	}
	const activity = linked.isActive === person.isActive ? undefined : person.isActive ? 'back' : 'left';
	if (fields.length === 0 && !activity) return undefined;
	return { code: 'person-changed', name: person.displayName, fields, ...(activity ? { activity } : {}) };
}

export type ImportOutcome = { report: RosterReport; effects: ImportEffects };

/** Several schools' rosters imported as one (school-import.ts), or one school's. */
export interface ImportInput {
	parts: { school: School; roster: Roster }[];
	problems: RowProblem[];
	skipped: RowProblem[];
	writeSchools?: () => void;
	/** Changes to the admin's own school that need a confirmation (school-import.ts). */
	confirmations?: RosterConfirmation[];
	/** Given when the admin may move people between the district's schools (a district admin). */
	findTransfer?: FindTransfer;
}

export class RosterImport {
	private readonly store: RosterStore;
	/** The import running now (oneAtATime): the next waits for it. */
	#running: Promise<unknown> = Promise.resolve();

	constructor(
		private readonly db: Database,
		private readonly relay: ServerDocWriter,
		now: () => number = Date.now
	) {
		this.store = new RosterStore(db, now);
	}

	/**
	 * Runs `task` (reading the files, comparing, writing) once every earlier one has ended. New plans
	 * are written through the relay, asynchronously, between the comparison and the accounts'
	 * transaction: one import at a time, so none compares against what another is half-way writing.
	 */
	oneAtATime<T>(task: () => Promise<T>): Promise<T> {
		const result = this.#running.then(task);
		this.#running = result.catch(() => undefined);
		return result;
	}

	/** Imports one school's roster (the simple format, or a OneRoster file of one school). */
	run(
		school: School,
		roster: Roster,
		options: ImportOptions,
		findTransfer?: FindTransfer
	): Promise<ImportOutcome> {
		return this.runSchools(
			{ parts: [{ school, roster }], problems: roster.problems, skipped: roster.skipped, findTransfer },
			options
		);
	}

	/**
	 * Imports several schools' rosters as one: every school is compared first, then (unless it is a
	 * dry run, or any school has problems and the admin did not ask for only the good rows) all of it
	 * is written in one transaction, after `writeSchools` has created or updated the schools.
	 */
	async runSchools(input: ImportInput, options: ImportOptions): Promise<ImportOutcome> {
		const report: RosterReport = {
			isDryRun: options.dryRun,
			isApplied: false,
			problems: [...input.problems],
			skipped: input.skipped,
			counts: emptyCounts(),
			caseloads: { added: 0, removed: 0 },
			guardianLinks: { added: 0, removed: 0 },
			schools: [],
			changes: [],
			personChanges: [],
			files: [],
			confirmations: [...(input.confirmations ?? [])]
		};
		const effects: ImportEffects = {
			deactivatedUserIds: [],
			relinkedUserIds: [],
			planInfoChanges: [],
			transfers: []
		};
		// Who is in which school's part of this import: someone moving away is not leaving.
		const schoolInFile = new Map<string, string>();
		for (const { school, roster } of input.parts)
			for (const person of roster.people) schoolInFile.set(person.sourceId, school.id);
		const movingAway = (sourceId: string, schoolId: string) =>
			input.findTransfer !== undefined &&
			schoolInFile.has(sourceId) &&
			schoolInFile.get(sourceId) !== schoolId;
		const pending = input.parts.map(({ school, roster }) =>
			this.compare(school, roster, report, { findTransfer: input.findTransfer, movingAway })
		);
		for (const part of pending) {
			if (part.studentsOff > 0 && part.studentsOff > part.studentsBefore * options.maxStudentsOffShare) {
				report.confirmations.push({
					code: 'students-off',
					school: part.school.name,
					count: part.studentsOff,
					of: part.studentsBefore,
					limitPercent: Math.round(options.maxStudentsOffShare * 100)
				});
			}
		}

		const isBlocked = report.problems.length > 0 && !options.onlyGoodRows;
		if (options.dryRun || isBlocked) return { report, effects };
		const missing = report.confirmations.filter((confirmation) => !options.confirmed.has(confirmation.code));
		if (missing.length > 0) {
			throw new ApiError(
				409,
				'needs-confirmation',
				`Nothing was imported: this import ${missing.map(describeConfirmation).join('; ')}. Check the files again and confirm that.`
			);
		}

		await this.writeNewPlans(pending, options.today);
		transaction(this.db, () => {
			input.writeSchools?.();
			for (const part of pending) this.write(part, effects);
		});
		report.isApplied = true;
		for (const part of pending) this.collectEffects(part, effects);
		return { report, effects };
	}

	/** What one school's roster changes, added to the report; nothing is written. */
	private compare(
		school: School,
		roster: Roster,
		report: RosterReport,
		moves: { findTransfer?: FindTransfer; movingAway: (sourceId: string, schoolId: string) => boolean }
	): Pending {
		const note = (change: PersonChange) => {
			if (report.changes.length >= MAX_CHANGES_LISTED) return;
			report.changes.push(personChangeEnglish(change));
			report.personChanges.push(change);
		};
		const linked = this.store.linkedUsers(school.id);
		const byUsername = this.store.userByUsername();
		const userIdOf = new Map<string, string>();
		const creates: NewPerson[] = [];
		const adopts: NewPerson[] = [];
		const updates: Update[] = [];
		const arrivals: LinkedElsewhere[] = [];
		const keep = new Set(roster.rejectedSourceIds);
		for (const person of roster.people) {
			const counts = report.counts[person.role];
			const problem = (why: RowReason) => {
				report.problems.push(rowProblem(person.file, person.line, why));
				keep.add(person.sourceId);
			};
			const arriving = linked.has(person.sourceId)
				? undefined
				: moves.findTransfer?.(person.sourceId, school.id);
			const existing = linked.get(person.sourceId) ?? arriving;
			if (existing) {
				if (existing.role !== person.role) {
					problem({ code: 'role-cannot-change', name: person.displayName, role: existing.role });
					continue;
				}
				const owner = existing.username === person.username ? undefined : byUsername(person.username);
				if (owner) {
					problem({ code: 'username-taken', username: person.username });
					continue;
				}
				userIdOf.set(person.sourceId, existing.userId);
				if (arriving) arrivals.push(arriving);
				const changes = differences(
					person,
					existing,
					arriving && { from: arriving.schoolName, to: school.name }
				);
				if (!changes) {
					counts.unchanged++;
					continue;
				}
				updates.push({
					person,
					linked: existing,
					isReactivation: !existing.isActive && person.isActive,
					isDeactivation: existing.isActive && !person.isActive
				});
				note(changes);
				continue;
			}
			const owner = byUsername(person.username);
			if (owner && (owner.isLinked || owner.schoolId !== school.id || owner.role !== person.role)) {
				problem({ code: 'username-taken', username: person.username });
				continue;
			}
			const planId = person.role === 'student' && !owner ? newPlanId() : null;
			const entry = { person, userId: owner?.id ?? randomUUID(), planId };
			userIdOf.set(person.sourceId, entry.userId);
			if (owner) {
				adopts.push(entry);
				note({ code: 'person-adopted', name: person.displayName, username: person.username });
			} else {
				creates.push(entry);
				note({
					code: 'person-new',
					name: person.displayName,
					role: person.role === 'staff' ? person.title : person.role
				});
			}
		}
		const inFile = new Set(roster.people.map((person) => person.sourceId));
		// A delta names only who changed: someone absent from it is not leaving.
		const leavers = roster.isDelta
			? []
			: [...linked.values()].filter(
					(user) =>
						user.isActive &&
						!inFile.has(user.sourceId) &&
						!keep.has(user.sourceId) &&
						!moves.movingAway(user.sourceId, school.id)
				);
		if (roster.isDelta) {
			// Links may name people of earlier imports that this delta does not.
			for (const user of linked.values())
				if (!userIdOf.has(user.sourceId)) userIdOf.set(user.sourceId, user.userId);
		}
		// People whose rows were not imported keep their links as they are; so do people moving to
		// another school of this import (the move itself ends their links to this school's staff).
		const untouched = new Set([...keep].flatMap((sourceId) => linked.get(sourceId)?.userId ?? []));
		for (const user of linked.values())
			if (moves.movingAway(user.sourceId, school.id)) untouched.add(user.userId);
		const changesOf = (pairs: [string, string][], existing: Map<string, boolean>) =>
			this.pairChanges(pairs, existing, userIdOf, untouched, roster.isDelta);
		const caseloads = changesOf(roster.caseloads, this.store.caseloads(school.id));
		const guardianLinks = changesOf(roster.guardianLinks, this.store.guardianLinks(school.id));
		report.caseloads.added += caseloads.add.length;
		report.caseloads.removed += caseloads.remove.length;
		report.guardianLinks.added += guardianLinks.add.length;
		report.guardianLinks.removed += guardianLinks.remove.length;

		for (const { person } of creates) report.counts[person.role].created++;
		for (const { person } of adopts) report.counts[person.role].updated++;
		for (const update of updates) {
			const counts = report.counts[update.person.role];
			if (update.isReactivation) counts.reactivated++;
			else if (update.isDeactivation) counts.deactivated++;
			else counts.updated++;
		}
		for (const user of leavers) {
			report.counts[user.role as 'student' | 'staff' | 'guardian'].deactivated++;
			note({ code: 'person-absent', name: user.displayName });
		}
		const studentsBefore = [...linked.values()].filter(
			(user) => user.role === 'student' && user.isActive
		).length;
		const studentsOff =
			leavers.filter((user) => user.role === 'student').length +
			updates.filter((update) => update.isDeactivation && update.person.role === 'student').length;
		return {
			school,
			studentsOff,
			studentsBefore,
			creates,
			adopts,
			updates,
			leavers,
			arrivals,
			caseloads,
			guardianLinks
		};
	}

	private write(part: Pending, effects: ImportEffects): void {
		const writer = this.store.writer(part.school.id);
		// Moves first: the links and fields below are then written for people of this school.
		for (const user of part.arrivals) {
			effects.relinkedUserIds.push(...writer.moveHere(user.userId));
			effects.transfers.push({
				userId: user.userId,
				planId: user.planId,
				from: { id: user.schoolId, name: user.schoolName },
				to: { id: part.school.id, name: part.school.name }
			});
		}
		for (const { person, userId, planId } of part.creates) {
			writer.createUser({
				id: userId,
				sourceId: person.sourceId,
				username: person.username,
				displayName: person.displayName,
				role: person.role,
				staffTitle: staffTitleOf(person),
				isActive: person.isActive
			});
			if (person.role === 'student') {
				const { grade, studentNumber } = person;
				writer.createStudent({
					userId,
					planId: planId!,
					grade,
					studentNumber,
					birthDate: person.birthDate ?? null
				});
			}
		}
		for (const { person, userId } of part.adopts) {
			writer.adopt(userId, person.sourceId);
			this.writeFields(writer, userId, person, null);
		}
		for (const { person, linked: user } of part.updates)
			this.writeFields(writer, user.userId, person, user.birthDate);
		for (const user of part.leavers) writer.updateUser(user.userId, { ...user, isActive: false });
		for (const [a, b] of part.caseloads.add) writer.addCaseload(a, b);
		for (const [a, b] of part.caseloads.remove) writer.removeCaseload(a, b);
		for (const [a, b] of part.guardianLinks.add) writer.addGuardian(a, b);
		for (const [a, b] of part.guardianLinks.remove) writer.removeGuardian(a, b);
	}

	private collectEffects(part: Pending, effects: ImportEffects): void {
		effects.deactivatedUserIds.push(
			...part.leavers.map((user) => user.userId),
			...part.updates.filter((update) => update.isDeactivation).map((update) => update.linked.userId)
		);
		const relinked = new Set([...part.caseloads.remove, ...part.guardianLinks.remove].map(([a]) => a));
		effects.relinkedUserIds.push(...relinked);
		const movedFrom = new Map(part.arrivals.map((user) => [user.userId, user.schoolName]));
		for (const { person, linked: user } of part.updates) {
			if (person.role !== 'student') continue;
			const oldSchool = movedFrom.get(user.userId);
			const before = {
				studentName: user.displayName,
				studentId: user.studentNumber ?? '',
				grade: gradeText(user.grade),
				...(oldSchool === undefined ? {} : { school: oldSchool })
			};
			const after = {
				studentName: person.displayName,
				studentId: person.studentNumber,
				grade: gradeText(person.grade),
				...(oldSchool === undefined ? {} : { school: part.school.name })
			};
			if (JSON.stringify(before) !== JSON.stringify(after)) {
				effects.planInfoChanges.push({ userId: user.userId, before, after });
			}
		}
	}

	/** `birthDate`: the stored one, kept when the files send none (no demographics.csv). */
	private writeFields(
		writer: ReturnType<RosterStore['writer']>,
		userId: string,
		person: RosterPerson,
		birthDate: string | null
	): void {
		writer.updateUser(userId, {
			username: person.username,
			displayName: person.displayName,
			staffTitle: staffTitleOf(person),
			isActive: person.isActive
		});
		if (person.role === 'student') {
			const born = person.birthDate === undefined ? birthDate : person.birthDate;
			writer.updateStudent(userId, person.grade, person.studentNumber, born);
		}
	}

	/**
	 * Pairs to add (in the file, not yet linked) and to remove (made by an earlier import, gone from
	 * the file). Pairs whose people were not imported are left alone; links made by hand are never
	 * removed; a delta removes none (it names only what changed, not every link that stays).
	 */
	private pairChanges(
		wanted: [string, string][],
		existing: Map<string, boolean>,
		userIdOf: Map<string, string>,
		untouched: Set<string>,
		isDelta: boolean
	): { add: [string, string][]; remove: [string, string][] } {
		const wantedKeys = new Set<string>();
		const add: [string, string][] = [];
		for (const [a, b] of wanted) {
			const userA = userIdOf.get(a);
			const userB = userIdOf.get(b);
			if (!userA || !userB) continue;
			const key = pairKey(userA, userB);
			if (wantedKeys.has(key)) continue;
			wantedKeys.add(key);
			if (!existing.has(key)) add.push([userA, userB]);
		}
		const remove: [string, string][] = [];
		if (isDelta) return { add, remove };
		for (const [key, isFromRoster] of existing) {
			if (!isFromRoster || wantedKeys.has(key)) continue;
			const pair = key.split('\n') as [string, string];
			if (!untouched.has(pair[0]) && !untouched.has(pair[1])) remove.push(pair);
		}
		return { add, remove };
	}

	/**
	 * Every new student's plan, committed a batch of plans per transaction (one commit each would
	 * be most of a large first import's time), before the people who own them are written.
	 */
	private async writeNewPlans(pending: readonly Pending[], today: string): Promise<void> {
		let batch: StoredUpdate[] = [];
		for (const part of pending) {
			for (const { person, planId } of part.creates) {
				if (person.role !== 'student' || !planId) continue;
				batch.push(
					...newPlanUpdates(planId, {
						studentName: person.displayName,
						studentId: person.studentNumber,
						school: part.school.name,
						grade: person.grade === null ? '' : String(person.grade),
						startDate: today
					})
				);
				if (batch.length >= PLAN_WRITE_BATCH) {
					await this.relay.writeServerUpdates(batch);
					batch = [];
				}
			}
		}
		await this.relay.writeServerUpdates(batch);
	}
}

/** A confirmation in words, for the refusal of an import that lacks it (the app words the check's list). */
function describeConfirmation(confirmation: RosterConfirmation): string {
	switch (confirmation.code) {
		case 'school-renamed':
			return `renames ${confirmation.from} to ${confirmation.to}`;
		case 'school-identifiers':
			return `changes the roster id or code of ${confirmation.school}`;
		case 'students-off':
			return `turns off ${confirmation.count} of ${confirmation.of} students of ${confirmation.school}`;
	}
}
