/**
 * Who may create or update which school by a OneRoster import, decided on the server from the
 * admin's rights (never from the file):
 *
 * - A **district admin** (an admin whose account carries a district) may update every school of
 *   their district and create new ones in it. A school org already linked to a school of another
 *   district is refused.
 * - Any other admin may import only **their own school**: the org linked to it by an earlier import,
 *   or, on the first import, the org they name (`schoolSourcedId`) or the only school in the file.
 *   Every other school org in the file is refused, row by row.
 *
 * A school left out of a later file is never deleted, and its people stay as they are.
 */
import { randomUUID } from 'node:crypto';
import type { SchoolFieldChange } from '../../../src/lib/contracts/roster-report';
import type { School, User } from '../auth/accounts';
import type { SchoolDecision, SchoolOrg } from './oneroster';
import { rowProblem, type RowReason } from './row-reason';
import type { SchoolRecord, SchoolStore } from '../auth/school-store';

export interface SchoolTarget {
	org: SchoolOrg;
	/** The school as it will be after the import (a new one has a fresh id). */
	school: School;
	isNew: boolean;
	/** What changes for an existing school; empty when nothing does. */
	fields: SchoolFieldChange[];
	/** The record before the import; undefined for a new school. */
	before?: SchoolRecord;
	/** The district a new school joins. */
	districtId: string | null;
}

const ORGS = 'orgs.csv';

export class SchoolScope {
	readonly targets = new Map<string, SchoolTarget>();
	readonly refused = new Map<string, RowReason>();

	constructor(
		private readonly store: SchoolStore,
		private readonly admin: User,
		/** The org the admin named as theirs (first import of a district file). */
		private readonly chosen?: string
	) {}

	decide(orgs: SchoolOrg[]): SchoolDecision {
		const problems = [];
		const district = this.store.districtOf(this.admin.id);
		if (district) {
			for (const org of orgs) {
				const existing = this.store.bySourceId(org.sourceId);
				if (existing && existing.districtId !== district.id) {
					this.refuse(org, {
						code: 'school-other-district',
						school: org.name,
						orgId: org.sourceId,
						district: district.name
					});
				} else this.target(org, existing, district.id);
			}
		} else {
			const own = this.store.school(this.admin.schoolId);
			const ownOrg = own && this.ownOrg(own, orgs);
			if (!own || !ownOrg || 'code' in ownOrg) {
				problems.push(
					rowProblem(ORGS, 0, ownOrg && 'code' in ownOrg ? ownOrg : { code: 'own-school-unknown' })
				);
			} else {
				for (const org of orgs) {
					if (org === ownOrg) this.target(org, own, own.districtId);
					else this.refuse(org, { code: 'school-not-yours', school: org.name, orgId: org.sourceId });
				}
			}
		}
		return { allowed: new Set(this.targets.keys()), refused: this.refused, problems };
	}

	/** The org of the admin's own school, or why it cannot be told. */
	private ownOrg(own: SchoolRecord, orgs: SchoolOrg[]): SchoolOrg | RowReason {
		const wanted = own.sourceId ?? this.chosen;
		if (own.sourceId && this.chosen && this.chosen !== own.sourceId) {
			return { code: 'own-school-is', rosterId: own.sourceId, chosen: this.chosen };
		}
		if (wanted) {
			const org = orgs.find((one) => one.sourceId === wanted);
			if (!org) return { code: 'school-not-in-file', orgId: wanted };
			const holder = own.sourceId ? undefined : this.store.bySourceId(wanted);
			if (holder) return { code: 'roster-id-taken', orgId: wanted, holder: holder.name };
			return org;
		}
		if (orgs.length === 1) {
			const holder = this.store.bySourceId(orgs[0]!.sourceId);
			if (holder) return { code: 'roster-id-taken', orgId: orgs[0]!.sourceId, holder: holder.name };
			return orgs[0]!;
		}
		return { code: 'choose-school', orgIds: orgs.map((org) => org.sourceId) };
	}

	private refuse(org: SchoolOrg, why: RowReason): void {
		this.refused.set(org.sourceId, why);
	}

	private target(org: SchoolOrg, existing: SchoolRecord | undefined, districtId: string | null): void {
		if (!existing) {
			const school = { id: randomUUID(), name: org.name };
			this.targets.set(org.sourceId, { org, school, isNew: true, fields: [], districtId });
			return;
		}
		const fields: SchoolFieldChange[] = [];
		if (existing.sourceId !== org.sourceId)
			fields.push({ field: 'rosterId', from: existing.sourceId ?? '', to: org.sourceId });
		if (existing.name !== org.name) fields.push({ field: 'name', from: existing.name, to: org.name });
		if ((existing.identifier ?? '') !== org.identifier)
			fields.push({ field: 'identifier', from: existing.identifier || '—', to: org.identifier || '—' });
		this.targets.set(org.sourceId, {
			org,
			school: { id: existing.id, name: org.name },
			isNew: false,
			fields,
			before: existing,
			districtId
		});
	}
}
