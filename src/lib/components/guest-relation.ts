import { t } from '../messages';
import type { GuestRelation } from '../plp/confirmations';

/** "Employer" (a label on its own, e.g. in a list of choices). */
export function relationLabel(relation: GuestRelation): string {
	const v = t.voices;
	return { mentor: v.relationMentor, employer: v.relationEmployer, community: v.relationCommunity }[relation];
}

/** "employer" (inside a sentence: "Confirmed by Rosa Díaz, employer, on …"). */
export function relationWord(relation: GuestRelation): string {
	const v = t.voices;
	return { mentor: v.wordMentor, employer: v.wordEmployer, community: v.wordCommunity }[relation];
}
