/**
 * A OneRoster import that creates or updates schools: which schools the admin may write is
 * decided on the server (school-scope.ts), each school's people land in that school, and every
 * school created, changed or refused is recorded (school_changes) when the import is for real.
 */
import type { RosterConfirmation, SchoolChange } from '../../../src/lib/contracts/roster-report';
import type { User } from '../auth/accounts';
import { readOneRoster, type SchoolOrg } from './oneroster';
import type { OneRosterExport } from './oneroster-export';
import type { FindTransfer, ImportOptions, ImportOutcome, RosterImport } from './roster-import';
import { splitBySchool } from './roster-types';
import { english, schoolChangeEnglish } from './row-reason';
import { SchoolScope, type SchoolTarget } from './school-scope';
import type { SchoolStore } from '../auth/school-store';

export async function importOneRoster(
	rosterImport: RosterImport,
	schools: SchoolStore,
	admin: User,
	body: { export: OneRosterExport; schoolSourcedId?: string },
	options: ImportOptions,
	knownSchoolOf: (personSourceId: string) => string | undefined,
	/** Only a district admin's import moves people between the district's schools. */
	findTransfer?: FindTransfer
): Promise<ImportOutcome> {
	const scope = new SchoolScope(schools, admin, body.schoolSourcedId);
	const files = body.export;
	const { roster, schools: orgs } = readOneRoster({
		files: files.files,
		version: files.version,
		modes: files.modes,
		knownSchools: knownSchools(schools, admin),
		knownSchoolOf,
		decide: (found) => scope.decide(found)
	});
	roster.problems.unshift(...files.problems);
	const parts = splitBySchool(
		roster,
		orgs.map((org) => org.sourceId)
	);
	const targets = orgs.map((org) => scope.targets.get(org.sourceId)!);
	const result = await rosterImport.runSchools(
		{
			parts: targets.map((target) => ({ school: target.school, roster: parts.get(target.org.sourceId)! })),
			problems: roster.problems,
			skipped: roster.skipped,
			writeSchools: () => writeSchools(schools, admin, targets),
			confirmations: targets.flatMap(confirmationsOf),
			findTransfer
		},
		options
	);
	result.report.schools = targets.map(schoolChange);
	result.report.files = files.uses;
	result.report.version = files.version;
	if (!options.dryRun) {
		for (const [sourceId, why] of scope.refused) {
			schools.recordChange({
				userId: admin.id,
				schoolId: null,
				sourceId,
				action: 'refused',
				detail: english(why)
			});
		}
	}
	return result;
}

/** The schools this admin's earlier imports linked to orgs: they stand in for orgs a delta leaves out. */
function knownSchools(schools: SchoolStore, admin: User): SchoolOrg[] {
	const district = schools.districtOf(admin.id);
	const own = schools.school(admin.schoolId);
	const records = district ? schools.ofDistrict(district.id) : own ? [own] : [];
	return records.flatMap((record) =>
		record.sourceId
			? [{ sourceId: record.sourceId, name: record.name, identifier: record.identifier ?? '', line: 0 }]
			: []
	);
}

/** A school that exists already and whose name or identifiers change: the admin must say yes, by name. */
function confirmationsOf(target: SchoolTarget): RosterConfirmation[] {
	const before = target.before;
	if (target.isNew || !before) return [];
	const confirmations: RosterConfirmation[] = [];
	if (before.name !== target.org.name) {
		confirmations.push({
			code: 'school-renamed',
			school: before.name,
			from: before.name,
			to: target.org.name
		});
	}
	const { sourceId, identifier } = target.org;
	const change = (from: string, to: string) => (from === to ? null : { from, to });
	const rosterId = change(before.sourceId ?? '', sourceId);
	const code = change(before.identifier ?? '', identifier);
	if (rosterId || code) {
		confirmations.push({ code: 'school-identifiers', school: before.name, rosterId, identifier: code });
	}
	return confirmations;
}

function schoolChange(target: SchoolTarget): SchoolChange {
	const action = target.isNew ? 'created' : target.fields.length > 0 ? 'updated' : 'unchanged';
	const { sourceId, name, identifier } = target.org;
	return {
		sourceId,
		name,
		identifier,
		action,
		changes: target.fields.map(schoolChangeEnglish),
		fields: target.fields
	};
}

/** Inside the import's transaction: schools first, so their people can point at them. */
function writeSchools(schools: SchoolStore, admin: User, targets: SchoolTarget[]): void {
	for (const target of targets) {
		const { org } = target;
		const identifier = org.identifier || null;
		if (target.isNew) {
			schools.createSchool({
				id: target.school.id,
				name: org.name,
				sourceId: org.sourceId,
				identifier,
				districtId: target.districtId
			});
			schools.recordChange({
				userId: admin.id,
				schoolId: target.school.id,
				sourceId: org.sourceId,
				action: 'created',
				detail: `${org.name}${identifier ? ` (${identifier})` : ''}`
			});
		} else if (target.fields.length > 0) {
			schools.updateSchool(target.school.id, { name: org.name, sourceId: org.sourceId, identifier });
			schools.recordChange({
				userId: admin.id,
				schoolId: target.school.id,
				sourceId: org.sourceId,
				action: 'updated',
				detail: target.fields.map(schoolChangeEnglish).join(', ')
			});
		}
	}
}
