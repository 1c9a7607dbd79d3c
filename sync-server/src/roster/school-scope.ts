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
import type { School, User } from '../auth/accounts';
import type { SchoolDecision, SchoolOrg } from './oneroster';
import type { SchoolRecord, SchoolStore } from './school-store';

export interface SchoolTarget {
	org: SchoolOrg;
	/** The school as it will be after the import (a new one has a fresh id). */
	school: School;
	isNew: boolean;
	/** What changes for an existing school ("name A → B"); empty when nothing does. */
	changes: string[];
	/** The record before the import; undefined for a new school. */
	before?: SchoolRecord;
	/** The district a new school joins. */
	districtId: string | null;
}

const ORGS = 'orgs.csv';

export class SchoolScope {
	readonly targets = new Map<string, SchoolTarget>();
	readonly refused = new Map<string, string>();

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
					this.refuse(
						org,
						`${org.name} (${org.sourceId}) is a school of another district: it cannot be changed from ${district.name}`
					);
				} else this.target(org, existing, district.id);
			}
		} else {
			const own = this.store.school(this.admin.schoolId);
			const ownOrg = own && this.ownOrg(own, orgs);
			if (!own || typeof ownOrg === 'string') {
				problems.push({
					file: ORGS,
					line: 0,
					reason: typeof ownOrg === 'string' ? ownOrg : 'your school is not known'
				});
			} else {
				for (const org of orgs) {
					if (org === ownOrg) this.target(org, own, own.districtId);
					else
						this.refuse(
							org,
							`${org.name} (${org.sourceId}) is not your school: only a district admin can create or change other schools`
						);
				}
			}
		}
		return { allowed: new Set(this.targets.keys()), refused: this.refused, problems };
	}

	/** The org of the admin's own school, or why it cannot be told. */
	private ownOrg(own: SchoolRecord, orgs: SchoolOrg[]): SchoolOrg | string {
		const wanted = own.sourceId ?? this.chosen;
		if (own.sourceId && this.chosen && this.chosen !== own.sourceId) {
			return `your school is ${own.sourceId} in the roster, not ${this.chosen}`;
		}
		if (wanted) {
			const org = orgs.find((one) => one.sourceId === wanted);
			if (!org) return `no school with sourcedId ${wanted}`;
			const holder = own.sourceId ? undefined : this.store.bySourceId(wanted);
			if (holder) return `${wanted} is already the roster id of ${holder.name}`;
			return org;
		}
		if (orgs.length === 1) {
			const holder = this.store.bySourceId(orgs[0]!.sourceId);
			if (holder) return `${orgs[0]!.sourceId} is already the roster id of ${holder.name}`;
			return orgs[0]!;
		}
		return `${orgs.length} schools: choose which one is yours (${orgs.map((org) => org.sourceId).join(', ')})`;
	}

	private refuse(org: SchoolOrg, reason: string): void {
		this.refused.set(org.sourceId, reason);
	}

	private target(org: SchoolOrg, existing: SchoolRecord | undefined, districtId: string | null): void {
		if (!existing) {
			const school = { id: randomUUID(), name: org.name };
			this.targets.set(org.sourceId, { org, school, isNew: true, changes: [], districtId });
			return;
		}
		const changes: string[] = [];
		if (existing.sourceId !== org.sourceId) changes.push(`roster id → ${org.sourceId}`);
		if (existing.name !== org.name) changes.push(`name ${existing.name} → ${org.name}`);
		if ((existing.identifier ?? '') !== org.identifier)
			changes.push(`identifier ${existing.identifier || '—'} → ${org.identifier || '—'}`);
		this.targets.set(org.sourceId, {
			org,
			school: { id: existing.id, name: org.name },
			isNew: false,
			changes,
			before: existing,
			districtId
		});
	}
}
