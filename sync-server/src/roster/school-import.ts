/**
 * A OneRoster import that creates or updates schools: which schools the admin may write is
 * decided on the server (school-scope.ts), each school's people land in that school, and every
 * school created, changed or refused is recorded (school_changes) when the import is for real.
 */
import type { RosterImportRequest, SchoolChange } from '../../../src/lib/school/roster-report';
import type { User } from '../auth/accounts';
import { readOneRoster } from './oneroster';
import type { ImportOptions, RosterImport } from './roster-import';
import { splitBySchool } from './roster-types';
import { SchoolScope, type SchoolTarget } from './school-scope';
import type { SchoolStore } from './school-store';

export function importOneRoster(
	rosterImport: RosterImport,
	schools: SchoolStore,
	admin: User,
	body: Pick<RosterImportRequest, 'files' | 'schoolSourcedId'>,
	options: ImportOptions
): ReturnType<RosterImport['runSchools']> {
	const scope = new SchoolScope(schools, admin, body.schoolSourcedId);
	const { roster, schools: orgs } = readOneRoster({
		files: body.files,
		decide: (found) => scope.decide(found)
	});
	const parts = splitBySchool(
		roster,
		orgs.map((org) => org.sourceId)
	);
	const targets = orgs.map((org) => scope.targets.get(org.sourceId)!);
	const result = rosterImport.runSchools(
		{
			parts: targets.map((target) => ({ school: target.school, roster: parts.get(target.org.sourceId)! })),
			problems: roster.problems,
			skipped: roster.skipped,
			writeSchools: () => writeSchools(schools, admin, targets)
		},
		options
	);
	result.report.schools = targets.map(schoolChange);
	if (!options.dryRun) {
		for (const [sourceId, reason] of scope.refused) {
			schools.recordChange({ userId: admin.id, schoolId: null, sourceId, action: 'refused', detail: reason });
		}
	}
	return result;
}

function schoolChange(target: SchoolTarget): SchoolChange {
	const action = target.isNew ? 'created' : target.changes.length > 0 ? 'updated' : 'unchanged';
	const { sourceId, name, identifier } = target.org;
	return { sourceId, name, identifier, action, changes: target.changes };
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
		} else if (target.changes.length > 0) {
			schools.updateSchool(target.school.id, { name: org.name, sourceId: org.sourceId, identifier });
			schools.recordChange({
				userId: admin.id,
				schoolId: target.school.id,
				sourceId: org.sourceId,
				action: 'updated',
				detail: target.changes.join(', ')
			});
		}
	}
}
