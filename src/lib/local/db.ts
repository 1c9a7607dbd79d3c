import Dexie, { type EntityTable } from 'dexie';
import type { Access } from '../plp/access';
import type { PlanSummary } from '../plp/plan-summary';
import type { EvidenceFile, EvidenceUpload } from './evidence-types';

/** One plan on this device, as the start screen lists it. The plan itself lives in its Yjs document. */
export interface PlanEntry {
	id: string;
	studentName: string;
	createdAt: number;
	lastEditedAt: number;
	/** Changes made here that the school's server has not confirmed yet. */
	hasUnsyncedChanges: boolean;
	/** 'device': made here, never shared. 'school': a plan on the school's server, synced when online. */
	source: 'device' | 'school';
	/** For school plans: who on this device it was listed for, and what they may do with it. */
	ownerUserId?: string;
	access?: { plan: Access; family: Access };
	/**
	 * What the caseload shows of the plan (grade, cycle step, what is missing, next update, the
	 * family's last note): from this device's copy when it has one, else as the server last said.
	 */
	summary?: PlanSummary;
	/** The roster's grade (the server's plan list), for a plan whose information gives none. */
	grade?: number | null;
	/** When anyone last changed the plan, as the server last said (ms since 1970; 0 when never). */
	lastChangeAt?: number;
	/** For school plans: when this device last brought its copy up to date (catch-up), if ever. */
	deviceCopyAt?: number;
	/** A plan of another school a district admin opened from /district (read-only; not on the start list). */
	isDistrictRead?: boolean;
}

export interface Setting {
	key: string;
	value: unknown;
}

/** Device-local tables. Plan content is never stored here: only what this device needs to know about it. */
export class LocalDatabase extends Dexie {
	plans!: EntityTable<PlanEntry, 'id'>;
	settings!: EntityTable<Setting, 'key'>;
	evidenceFiles!: EntityTable<EvidenceFile, 'hash'>;
	uploads!: EntityTable<EvidenceUpload, 'key'>;

	constructor(name = 'pathways') {
		super(name);
		this.version(1).stores({
			plans: 'id, lastEditedAt',
			settings: 'key'
		});
		this.version(2)
			.stores({ plans: 'id, lastEditedAt, ownerUserId' })
			.upgrade((tx) =>
				tx
					.table<PlanEntry>('plans')
					.toCollection()
					.modify((entry) => {
						entry.source ??= 'device';
					})
			);
		// Evidence files kept on the device and the outbox of uploads (src/lib/local/evidence-store.ts).
		this.version(3).stores({ evidenceFiles: 'hash, addedAt', uploads: 'key, planId, addedAt' });
	}
}

let instance: LocalDatabase | undefined;

/** The device's database, opened on first use. */
export function localDb(): LocalDatabase {
	instance ??= new LocalDatabase();
	return instance;
}
