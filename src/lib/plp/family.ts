import * as Y from 'yjs';
import { Collection } from './collection';
import { FAMILY_COLLECTIONS, FAMILY_VIEW_FIELDS, SCHEMA_VERSION, type FamilyViewField } from './schema';

/**
 * The family part of a plan: a second document that guardians write and the student and staff
 * read. Kept apart so the relay can give guardians write access to exactly this and nothing else.
 */
export class FamilyPart {
	readonly reflections: Collection<(typeof FAMILY_COLLECTIONS)['reflections']>;
	readonly comments: Collection<(typeof FAMILY_COLLECTIONS)['comments']>;

	constructor(readonly doc: Y.Doc) {
		this.reflections = new Collection(doc, 'reflections', FAMILY_COLLECTIONS.reflections);
		this.comments = new Collection(doc, 'comments', FAMILY_COLLECTIONS.comments);
	}

	/** Marks an empty family document with the schema version it is written in. */
	initialize(): void {
		const meta = this.doc.getMap<unknown>('meta');
		if (!meta.has('schemaVersion')) meta.set('schemaVersion', SCHEMA_VERSION);
	}

	/** The family's view of the student (strengths they see, hopes they hold). */
	viewText(field: FamilyViewField): Y.Text {
		return this.doc.getText(`family.${field}`);
	}

	snapshot() {
		const view = {} as Record<FamilyViewField, string>;
		for (const field of FAMILY_VIEW_FIELDS) view[field] = this.viewText(field).toString();
		return { view, reflections: this.reflections.list(), comments: this.comments.list() };
	}
}
