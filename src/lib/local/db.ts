import Dexie, { type EntityTable } from 'dexie';

/** One plan on this device, as the start screen lists it. The plan itself lives in its Yjs document. */
export interface PlanEntry {
	id: string;
	studentName: string;
	createdAt: number;
	lastEditedAt: number;
	/** Changes made here that the school's server has not confirmed yet. */
	hasUnsyncedChanges: boolean;
}

export interface Setting {
	key: string;
	value: unknown;
}

/** Device-local tables. Plan content is never stored here: only what this device needs to know about it. */
export class LocalDatabase extends Dexie {
	plans!: EntityTable<PlanEntry, 'id'>;
	settings!: EntityTable<Setting, 'key'>;

	constructor(name = 'pathways') {
		super(name);
		this.version(1).stores({
			plans: 'id, lastEditedAt',
			settings: 'key'
		});
	}
}

let instance: LocalDatabase | undefined;

/** The device's database, opened on first use. */
export function localDb(): LocalDatabase {
	instance ??= new LocalDatabase();
	return instance;
}
