/**
 * orgs.csv → the school orgs, and for any org the school it is part of. Orgs of every type are read:
 * a department lands its people in the school above it (parentSourcedId), a district is above
 * schools and holds no one itself. Schools known from earlier imports stand in for orgs a delta
 * export leaves out.
 */
import type { OrgRef } from '../../../src/lib/contracts/roster-report';
import type { CsvTable } from './csv-table';
import type { RowProblem } from './roster-types';
import { rowProblem, type RowReason } from './row-reason';

/** A row of orgs.csv of type `school` (or a school known from an earlier import: line 0). */
export interface SchoolOrg {
	sourceId: string;
	name: string;
	/** The school's own code (OneRoster `identifier`), '' when the file has none. */
	identifier: string;
	line: number;
}

interface OrgRow {
	type: string;
	name: string;
	parent: string;
	line: number;
}

export interface Orgs {
	schools: SchoolOrg[];
	/** Every org id the file (or an earlier import) knows. */
	ids: Set<string>;
	/** The school an org is, or is part of (walking up parentSourcedId); undefined above schools. */
	schoolOf(orgId: string): string | undefined;
	/** The org's type, id and name, for reasons in the report. */
	describe(orgId: string): OrgRef;
}

const isDeleted = (status: string) => status.toLowerCase() === 'tobedeleted';

export function readOrgs(orgs: CsvTable | undefined, known: SchoolOrg[], problems: RowProblem[]): Orgs {
	const rows = new Map<string, OrgRow>();
	const schools = new Map<string, SchoolOrg>();
	for (const row of orgs?.rows ?? []) {
		const sourceId = row.get('sourcedId');
		const name = row.get('name');
		const type = row.get('type').toLowerCase();
		const problem = (why: RowReason) => problems.push(rowProblem('orgs.csv', row.line, why));
		if (!sourceId) {
			problem({ code: 'field-empty', field: 'sourcedId' });
			continue;
		}
		const earlier = rows.get(sourceId);
		if (earlier) {
			problem({ code: 'id-repeated', column: 'sourcedId', id: sourceId, otherLine: earlier.line });
			continue;
		}
		rows.set(sourceId, { type, name, parent: row.get('parentSourcedId'), line: row.line });
		// A school marked tobedeleted is not read (and never deleted in Pathways: its people stay).
		if (type !== 'school' || isDeleted(row.get('status'))) continue;
		if (!name) problem({ code: 'school-no-name', orgId: sourceId });
		else schools.set(sourceId, { sourceId, name, identifier: row.get('identifier'), line: row.line });
	}
	for (const school of known) {
		if (rows.has(school.sourceId)) continue;
		rows.set(school.sourceId, { type: 'school', name: school.name, parent: '', line: 0 });
		schools.set(school.sourceId, school);
	}
	const schoolOf = (orgId: string): string | undefined => {
		const seen = new Set<string>();
		for (let id = orgId; id && !seen.has(id); id = rows.get(id)?.parent ?? '') {
			seen.add(id);
			const org = rows.get(id);
			if (!org) return undefined;
			if (org.type === 'school') return schools.has(id) ? id : undefined;
		}
		return undefined;
	};
	const describe = (orgId: string): OrgRef => {
		const org = rows.get(orgId);
		return { type: org?.type ?? '', id: orgId, name: org?.name ?? '' };
	};
	return { schools: [...schools.values()], ids: new Set(rows.keys()), schoolOf, describe };
}
