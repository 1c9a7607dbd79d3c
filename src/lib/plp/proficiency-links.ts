/**
 * Which proficiencies a goal or piece of evidence is linked to. Plans written before several links
 * were possible hold one id in `proficiency`; it counts as linked until someone unlinks it, which
 * clears it. New links go to `proficiencyIds` only.
 */
import type { Collection } from './collection';
import type { Plan } from './plan';
import type { CollectionName, PLAN_COLLECTIONS } from './schema';

type WithProficiencies = { proficiencyIds: string[]; proficiency: string };

/** The linked proficiency ids, each once, sorted. */
export function proficiencyIdsOf(record: WithProficiencies): string[] {
	const ids = new Set(record.proficiencyIds);
	if (record.proficiency.trim()) ids.add(record.proficiency.trim());
	return [...ids].sort();
}

type LinkingCollection =
	Collection<(typeof PLAN_COLLECTIONS)['goals']> | Collection<(typeof PLAN_COLLECTIONS)['evidence']>;

/** Links or unlinks one proficiency; unlinking also clears an older plan's single link to it. */
export function linkProficiency(
	collection: LinkingCollection,
	recordId: string,
	proficiencyId: string,
	isLinked: boolean
): void {
	const target = collection as Collection<(typeof PLAN_COLLECTIONS)['goals']>;
	target.doc.transact(() => {
		target.link(recordId, 'proficiencyIds', proficiencyId, isLinked);
		if (!isLinked && target.get(recordId)?.proficiency.trim() === proficiencyId) {
			target.set(recordId, 'proficiency', '');
		}
	});
}

/** The list of a record kind that links proficiencies (goals, evidence), or undefined for the others. */
export function linkingCollection(plan: Plan, name: CollectionName): LinkingCollection | undefined {
	if (name === 'goals') return plan.collections.goals;
	if (name === 'evidence') return plan.collections.evidence;
	return undefined;
}
