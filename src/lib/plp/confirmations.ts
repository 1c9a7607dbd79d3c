/**
 * Voices from outside school (issue 17, part 5): a mentor, employer or community member, invited
 * with a one-time link, confirms one piece of evidence. Each confirmation is a plain entry of one
 * top-level Y.Array of the plan document (`confirmations`): top-level, so it is never created
 * twice, and an append, so two confirmations made at once both stay. Only the server writes it
 * (sync-server/src/voices/); everyone who reads the plan sees it.
 */
import * as Y from 'yjs';

export const GUEST_RELATIONS = ['mentor', 'employer', 'community'] as const;
export type GuestRelation = (typeof GUEST_RELATIONS)[number];

export function isGuestRelation(value: unknown): value is GuestRelation {
	return (GUEST_RELATIONS as readonly unknown[]).includes(value);
}

export interface EvidenceConfirmation {
	evidenceId: string;
	/** The name the student or advisor gave when making the link. */
	name: string;
	relation: GuestRelation;
	/** YYYY-MM-DD, the server's date when it was confirmed. */
	date: string;
	/** The one-time link it came through (its id, never its secret). */
	linkId: string;
}

/** The plan document's list of confirmations. */
export function confirmationList(doc: Y.Doc): Y.Array<EvidenceConfirmation> {
	return doc.getArray<EvidenceConfirmation>('confirmations');
}

/** The well-formed confirmations among a list's items, oldest first. */
export function wellFormedConfirmations(items: readonly unknown[]): EvidenceConfirmation[] {
	return items.filter(
		(item): item is EvidenceConfirmation =>
			typeof item === 'object' &&
			item !== null &&
			typeof (item as EvidenceConfirmation).evidenceId === 'string' &&
			typeof (item as EvidenceConfirmation).name === 'string' &&
			isGuestRelation((item as EvidenceConfirmation).relation) &&
			typeof (item as EvidenceConfirmation).date === 'string'
	);
}

/** The well-formed confirmations of one piece of evidence, oldest first. */
export function confirmationsOf(items: readonly unknown[], evidenceId: string): EvidenceConfirmation[] {
	return wellFormedConfirmations(items).filter((item) => item.evidenceId === evidenceId);
}

export function addConfirmation(doc: Y.Doc, confirmation: EvidenceConfirmation): void {
	confirmationList(doc).push([confirmation]);
}
